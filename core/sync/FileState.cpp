#include "FileState.h"

namespace tardigrade {

namespace {
struct Name {
    FileState state;
    const char *name;
};
const Name kNames[] = {
    {FileState::Found, "found"},       {FileState::Hashing, "hashing"},
    {FileState::Hashed, "hashed"},     {FileState::Registered, "registered"},
    {FileState::Transferring, "transferring"}, {FileState::Uploaded, "uploaded"},
    {FileState::Verifying, "verifying"}, {FileState::Verified, "verified"},
    {FileState::Failed, "failed"},     {FileState::Conflict, "conflict"},
    {FileState::Unreadable, "unreadable"},
};
} // namespace

QString fileStateName(FileState state)
{
    for (const Name &n : kNames)
        if (n.state == state)
            return QString::fromLatin1(n.name);
    return QStringLiteral("found");
}

FileState fileStateFromName(const QString &name)
{
    for (const Name &n : kNames)
        if (name == QLatin1String(n.name))
            return n.state;
    return FileState::Found;
}

} // namespace tardigrade
