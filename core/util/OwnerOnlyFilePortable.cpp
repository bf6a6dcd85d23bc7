// Owner-only files through Qt: Windows, and the portable build on Linux.
// Qt's permissions cover POSIX modes; on Windows they only toggle
// read-only, so there the file's ACL is replaced by one that grants the
// current user (and nobody else, inheriting nothing) full control.
#include "OwnerOnlyFile.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_WIN
#include <windows.h> // first: the ACL headers build on it
#include <aclapi.h>
#include <sddl.h>
#endif

namespace tardigrade::OwnerOnlyFile {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

#ifdef Q_OS_WIN
// The current user alone, full control, protected from inherited entries.
bool grantOwnerOnly(const QString &path)
{
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return false;
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    QByteArray buffer(int(size), Qt::Uninitialized);
    const bool gotUser = GetTokenInformation(token, TokenUser, buffer.data(), size, &size);
    CloseHandle(token);
    if (!gotUser)
        return false;
    PSID user = reinterpret_cast<TOKEN_USER *>(buffer.data())->User.Sid;
    EXPLICIT_ACCESS_W access = {};
    access.grfAccessPermissions = GENERIC_ALL;
    access.grfAccessMode = SET_ACCESS;
    access.grfInheritance = NO_INHERITANCE;
    access.Trustee.TrusteeForm = TRUSTEE_IS_SID;
    access.Trustee.TrusteeType = TRUSTEE_IS_USER;
    access.Trustee.ptstrName = reinterpret_cast<LPWSTR>(user);
    PACL acl = nullptr;
    if (SetEntriesInAclW(1, &access, nullptr, &acl) != ERROR_SUCCESS)
        return false;
    std::wstring native = path.toStdWString();
    const DWORD rc = SetNamedSecurityInfoW(native.data(), SE_FILE_OBJECT,
                                           DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION, nullptr,
                                           nullptr, acl, nullptr);
    LocalFree(acl);
    return rc == ERROR_SUCCESS;
}
#endif

} // namespace

Status createExclusive(const QString &path, const QByteArray &data)
{
    const QString tmp = path + QStringLiteral(".tmp");
    QFile::remove(tmp);
    QFile file(tmp);
    // NewOnly: created here, not an existing file someone else prepared.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error::internal(QStringLiteral("Cannot write %1 (%2): check that its folder is writable.")
                                   .arg(path, file.errorString()));
    file.setPermissions(kOwnerOnly); // before any byte is in it
#ifdef Q_OS_WIN
    if (!grantOwnerOnly(tmp)) {
        file.close();
        QFile::remove(tmp);
        return Error::internal(
            QStringLiteral("Cannot make %1 readable only by this user; check the folder's permissions.").arg(path));
    }
#endif
    const bool written = file.write(data) == data.size() && file.flush();
    file.close();
    // rename() fails when the name exists: a key another first run made wins.
    if (!written || !QFile::rename(tmp, path)) {
        QFile::remove(tmp);
        return Error::internal(QStringLiteral("Cannot write %1: check that its folder is writable.").arg(path));
    }
    return {};
}

void restrict(const QString &path)
{
    if (!QFileInfo::exists(path))
        return;
#ifdef Q_OS_WIN
    grantOwnerOnly(path);
#else
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (QFile::permissions(path) & others)
        QFile::setPermissions(path, kOwnerOnly);
#endif
}

} // namespace tardigrade::OwnerOnlyFile
