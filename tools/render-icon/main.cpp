// Renders an SVG into the PNG sizes of the hicolor icon theme:
//   tardigrade-render-icon SVG OUTDIR NAME [--ico FILE]
// writes OUTDIR/<N>x<N>/apps/NAME.png for N in 16 22 24 32 48 64 128 256,
// and with --ico a Windows icon (256 px) as well.
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

namespace {

QImage render(QSvgRenderer &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter, QRectF(0, 0, size, size));
    return image;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a build machine has no display
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() != 3 && !(args.size() == 5 && args.at(3) == QLatin1String("--ico"))) {
        std::fprintf(stderr, "usage: tardigrade-render-icon SVG OUTDIR NAME [--ico FILE]\n");
        return 2;
    }
    QSvgRenderer svg(args.at(0));
    if (!svg.isValid()) {
        std::fprintf(stderr, "tardigrade-render-icon: %s is not a valid SVG\n", qPrintable(args.at(0)));
        return 1;
    }
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        const QString dir = args.at(1) + QStringLiteral("/%1x%1/apps").arg(size);
        QDir().mkpath(dir);
        const QString file = dir + QLatin1Char('/') + args.at(2) + QStringLiteral(".png");
        if (!render(svg, size).save(file, "PNG")) {
            std::fprintf(stderr, "tardigrade-render-icon: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    if (args.size() == 5) {
        QImageWriter ico(args.at(4), "ico");
        if (!ico.write(render(svg, 256))) {
            std::fprintf(stderr, "tardigrade-render-icon: cannot write %s (%s)\n", qPrintable(args.at(4)),
                         qPrintable(ico.errorString()));
            return 1;
        }
    }
    return 0;
}
