#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace tardigrade::standin {

// A multipart/form-data body split into its named parts (the HTTP POST
// upload sends `json_data` and `attached_file`).
class MultipartForm {
public:
    struct Part {
        QString filename;
        QByteArray contentType;
        QByteArray data;
    };

    // False when the content type has no boundary or the body is malformed.
    bool parse(const QByteArray &contentType, const QByteArray &body);
    bool has(const QString &name) const { return m_parts.contains(name); }
    Part part(const QString &name) const { return m_parts.value(name); }

private:
    QMap<QString, Part> m_parts;
};

} // namespace tardigrade::standin
