#pragma once

// The uploader record a first run would have made for the installation a
// stand-in's settings file describes, for tests that start where a first run
// left off (the settings pushed after a save, for instance).
// Header-only: the tests that include it link the catalogue themselves.

#include "StandinProcess.h"
#include "catalogue/MyTardisClient.h"

namespace tardigrade::test {

// Makes it on `server` as MyData's instrument "Test Instrument"; false when
// the server refused.
inline bool makeUploaderRecord(const StandinProcess &server)
{
    ClientConfig config;
    config.url = server.urlString();
    config.username = server.username();
    config.apiKey = server.apiKey();
    MyTardisClient client(config);
    UploaderFields fields;
    fields.uuid = server.uuid();
    fields.name = QStringLiteral("Test Instrument");
    return client.createUploader(fields).ok();
}

} // namespace tardigrade::test
