; Inno Setup script: the Windows installer for Minute Taker (Inno Setup 6.3 or later).
;
; Packs the PyInstaller folder dist\minute-taker (built on Windows with
; packaging\minute-taker.spec) into dist\minute-taker-<version>-windows-x64-setup.exe:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\minute-taker.iss
;
; A per-user install (no administrator rights): the program goes to
; %LOCALAPPDATA%\Programs\Minute Taker, with a Start menu entry and .minutebook files
; opening in it. Uninstalling removes only what was installed: the user's minute books,
; settings, backups and logs live in the app's data folder (appdirs, see
; minute_taker\paths.py), never in the install folder, and are kept.
;
; Not built or run on the machine this was written on (Linux): .github\workflows\build.yml
; builds it on a Windows runner. See packaging\README.md.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Minute Taker"
#define AppExe "minute-taker.exe"
#define CliExe "minute-taker-cli.exe"
#define ProgId "MinuteTaker.MinuteBook"
#define Root AddBackslash(SourcePath) + "..\.."
; Where the app keeps the user's books (appdirs.user_data_dir("minute-taker", "MinuteTaker")
; in minute_taker\paths.py): only named in the message after uninstalling.
#define BooksFolder "{localappdata}\MinuteTaker\minute-taker"

[Setup]
; Identifies the app to Windows across versions: never change it.
AppId={{21B1948F-6FF9-4474-97F3-5F84254A98E7}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Minute Taker contributors
AppPublisherURL=https://github.com/minute-taker/minute-taker
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#AppVersion}
; Per user: {autopf} is then %LOCALAPPDATA%\Programs, {autoprograms} the user's Start
; menu, and HKA the user's own registry (HKCU).
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile={#Root}\LICENSE
#ifexist Root + "\resources\icons\minute-taker.ico"
SetupIconFile={#Root}\resources\icons\minute-taker.ico
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ChangesAssociations=yes
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#Root}\dist
OutputBaseFilename=minute-taker-{#AppVersion}-windows-x64-setup
; A running copy holds its files open: ask to close it before replacing them.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole frozen folder: minute-taker.exe, minute-taker-cli.exe and _internal\.
Source: "{#Root}\dist\minute-taker\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The licences: Minute Taker's (GPL-3.0-or-later), the dictionary's and the fonts'.
Source: "{#Root}\LICENSE"; DestDir: "{app}\licences"; DestName: "LICENSE.txt"; Flags: ignoreversion
Source: "{#Root}\resources\dictionaries\LICENSE*"; DestDir: "{app}\licences\dictionary"; Flags: ignoreversion
Source: "{#Root}\resources\dictionaries\README_en_GB.txt"; DestDir: "{app}\licences\dictionary"; Flags: ignoreversion
Source: "{#Root}\resources\fonts\LICENSE*"; DestDir: "{app}\licences\fonts"; Flags: ignoreversion

[InstallDelete]
; An upgrade replaces the frozen folder whole, so no module of an older version is left.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Take the minutes of formal meetings"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The .minutebook type, registered for this user: opens in Minute Taker, with its icon.
Root: HKA; Subkey: "Software\Classes\.minutebook"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.minutebook"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-minute-book"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.minutebook\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Minute book"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".minutebook"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox('{#AppName} has been removed. Your minute books, settings and backups are kept in '
      + ExpandConstant('{#BooksFolder}') + '.', mbInformation, MB_OK);
end;
