#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>

// The platforms' icon files, built from rendered PNGs. Qt's own ICO writer
// stores one image and Qt has no ICNS writer without the extra image-format
// plugins; both formats are simple containers of PNGs, written here.
namespace IconContainers {

// A Windows .ico holding each image as PNG (Windows Vista and later read
// PNG entries at every size). Sizes up to 256 px.
QByteArray ico(const QList<QImage> &images);

// A macOS .icns holding the PNG types of the sizes given (16, 32, 64, 128,
// 256, 512, 1024 px; a 32 px image serves as 16@2x and so on, as iconutil
// would write it). False (empty) when a size has no ICNS type.
QByteArray icns(const QList<QImage> &images);

} // namespace IconContainers
