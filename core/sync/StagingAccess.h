#pragma once

#include <QMetaType>
#include <QString>

namespace tardigrade {

// Where this installation's staging access stood when a run prepared (or
// when it registered): what the GUI's approval banner shows, carried as a
// value so that nobody has to recognise the sentences a run says.
enum class StagingState {
    Unknown,      // the run stopped before it asked the server
    NotRequested, // no registration request on the server (a Test Run creates none)
    Pending,      // requested, not approved yet: files go by HTTP
    Approved,     // files go by SCP to the staging host
    NotUsed,      // the settings choose HTTP POST (upload_method), so approval does not matter
};

struct StagingAccess {
    StagingState state = StagingState::Unknown;
    QString fingerprint; // the installation's key, "SHA256:..." as `ssh-keygen -lf` prints it

    // Uploads go by HTTP only because nobody has approved staging yet.
    bool awaitingApproval() const { return state == StagingState::NotRequested || state == StagingState::Pending; }
};

} // namespace tardigrade

Q_DECLARE_METATYPE(tardigrade::StagingAccess)
