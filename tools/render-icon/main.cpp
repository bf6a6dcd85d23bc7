// Renders the application icon's SVG into what each platform installs:
//   tardigrade-render-icon SVG OUTDIR NAME [--ico FILE] [--icns FILE]
// writes OUTDIR/<N>x<N>/apps/NAME.png for N in 16 22 24 32 48 64 128 256
// (the hicolor theme on Linux), with --ico a Windows icon (16 to 256 px) and
// with --icns a macOS icon (16 to 1024 px).
#include "IconContainers.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>

#include <cstdio>

namespace {

QImage render(QSvgRenderer &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter, QRectF(0, 0, size, size));
    return image;
}

QList<QImage> renderAll(QSvgRenderer &svg, std::initializer_list<int> sizes)
{
    QList<QImage> images;
    for (int size : sizes)
        images << render(svg, size);
    return images;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (bytes.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        std::fprintf(stderr, "tardigrade-render-icon: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

int usage()
{
    std::fprintf(stderr, "usage: tardigrade-render-icon SVG OUTDIR NAME [--ico FILE] [--icns FILE]\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a build machine has no display
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 3 || args.size() % 2 == 0)
        return usage();
    QString icoFile, icnsFile;
    for (int i = 3; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QLatin1String("--ico"))
            icoFile = args.at(i + 1);
        else if (args.at(i) == QLatin1String("--icns"))
            icnsFile = args.at(i + 1);
        else
            return usage();
    }
    QSvgRenderer svg(args.at(0));
    if (!svg.isValid()) {
        std::fprintf(stderr, "tardigrade-render-icon: %s is not a valid SVG\n", qPrintable(args.at(0)));
        return 1;
    }
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        const QString file = args.at(1) + QStringLiteral("/%1x%1/apps/").arg(size) + args.at(2) + QStringLiteral(".png");
        QDir().mkpath(QFileInfo(file).absolutePath());
        if (!render(svg, size).save(file, "PNG")) {
            std::fprintf(stderr, "tardigrade-render-icon: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    if (!icoFile.isEmpty() && !writeFile(icoFile, IconContainers::ico(renderAll(svg, {16, 24, 32, 48, 64, 256}))))
        return 1;
    if (!icnsFile.isEmpty() &&
        !writeFile(icnsFile, IconContainers::icns(renderAll(svg, {16, 32, 64, 128, 256, 512, 1024}))))
        return 1;
    return 0;
}
