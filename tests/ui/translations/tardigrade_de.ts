<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- A two-string German translation for tst_translations: enough for the
     loader to find a .qm and for a real widget to show its words. -->
<TS version="2.1" language="de">
<context>
    <name>tardigrade::ui::AppActions</name>
    <message>
        <source>Sync Now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
</context>
<context>
    <name>tardigrade::ui::LogPage</name>
    <message>
        <source>Save log for support…</source>
        <translation>Protokoll für den Support speichern…</translation>
    </message>
</context>
</TS>
