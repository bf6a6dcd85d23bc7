#include "IconContainers.h"

#include <QBuffer>
#include <QtEndian>

#include <vector>

namespace IconContainers {

namespace {

QByteArray png(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

void appendLE16(QByteArray &out, quint16 v) { out.append(char(v & 0xff)).append(char(v >> 8)); }
void appendLE32(QByteArray &out, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        out.append(char((v >> (8 * i)) & 0xff));
}
void appendBE32(QByteArray &out, quint32 v)
{
    for (int i = 3; i >= 0; --i)
        out.append(char((v >> (8 * i)) & 0xff));
}

} // namespace

QByteArray ico(const QList<QImage> &images)
{
    // ICONDIR, then one ICONDIRENTRY per image, then the images.
    QByteArray out;
    appendLE16(out, 0); // reserved
    appendLE16(out, 1); // type: icon
    appendLE16(out, quint16(images.size()));
    std::vector<QByteArray> data;
    for (const QImage &image : images)
        data.push_back(png(image));
    quint32 offset = quint32(6 + 16 * images.size());
    for (int i = 0; i < images.size(); ++i) {
        const int side = images.at(i).width();
        out.append(char(side >= 256 ? 0 : side)); // 0 means 256
        out.append(char(side >= 256 ? 0 : images.at(i).height()));
        out.append(char(0)); // no palette
        out.append(char(0)); // reserved
        appendLE16(out, 1);  // colour planes
        appendLE16(out, 32); // bits per pixel
        appendLE32(out, quint32(data[size_t(i)].size()));
        appendLE32(out, offset);
        offset += quint32(data[size_t(i)].size());
    }
    for (const QByteArray &d : data)
        out.append(d);
    return out;
}

QByteArray icns(const QList<QImage> &images)
{
    // Each size's PNG types: the plain one and the @2x one of half the size.
    const auto typesFor = [](int side) -> QList<QByteArray> {
        switch (side) {
        case 16: return {"icp4"};
        case 32: return {"icp5", "ic11"};
        case 64: return {"icp6", "ic12"};
        case 128: return {"ic07"};
        case 256: return {"ic08", "ic13"};
        case 512: return {"ic09", "ic14"};
        case 1024: return {"ic10"};
        }
        return {};
    };
    QByteArray body;
    for (const QImage &image : images) {
        const QList<QByteArray> types = typesFor(image.width());
        if (types.isEmpty() || image.width() != image.height())
            return {};
        const QByteArray data = png(image);
        for (const QByteArray &type : types) {
            body.append(type);
            appendBE32(body, quint32(8 + data.size()));
            body.append(data);
        }
    }
    QByteArray out("icns");
    appendBE32(out, quint32(8 + body.size()));
    out.append(body);
    return out;
}

} // namespace IconContainers
