#pragma once

#include <QString>
#include <QTemporaryDir>

namespace tardigrade::test {

// The home of a GUI test: a temporary folder as XDG_CONFIG_HOME, so window
// geometry and QSettings never reach the real home, and the organisation
// name "TardigradeTest". One per test object, set up in initTestCase():
//
//   GuiTestHome m_home;
//   void initTestCase() { QVERIFY(m_home.setUp()); }
class GuiTestHome {
public:
    // False when the temporary folder could not be made.
    bool setUp();

    QString path() const { return m_dir.path(); }
    QString filePath(const QString &relative) const { return m_dir.filePath(relative); }

private:
    QTemporaryDir m_dir;
};

} // namespace tardigrade::test
