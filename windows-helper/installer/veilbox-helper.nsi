; The Veilbox helper's Windows installer: per user, no administrator rights. Installs the install tree
; that windows-helper/scripts/build-windows.ts made (VeilboxHelper.exe, native\, node_modules\) into
; %LOCALAPPDATA%\Veilbox, starts the helper at logon through the HKCU Run key, adds a Start-menu entry
; and an uninstaller that takes all of it away again. /S installs and uninstalls silently: nothing here
; asks a question or shows a message box, so silent mode never waits on anyone.
; Built by: makensis -DSOURCE_DIR=<install tree> -DOUT_FILE=<setup exe> -DVERSION=<x.y.z> veilbox-helper.nsi

; 64-bit like the helper itself (Node for Windows x64): it runs where the helper can, and under wine64.
Target amd64-unicode
; lzma makes the smallest installer but takes a minute or two of CPU; the test builds with zlib
; (VEILBOX_NSIS_COMPRESSOR in scripts/make-installer.ts).
!ifndef COMPRESSOR
  !define COMPRESSOR lzma
!endif
SetCompressor /SOLID ${COMPRESSOR}

!ifndef SOURCE_DIR
  !error "Pass -DSOURCE_DIR=<install tree>: run npm run build:windows rather than makensis by hand."
!endif
!ifndef OUT_FILE
  !define OUT_FILE "VeilboxHelperSetup.exe"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
; What the logon start runs: the helper's long-running sync (windows-helper/src/cli.ts) of the folder it
; remembers (else %USERPROFILE%\Veilbox), in the no-console copy of the exe (scripts/pe-subsystem.ts), so
; no console window opens at logon.
!ifndef RUN_ARGS
  !define RUN_ARGS "sync"
!endif

!define PRODUCT "Veilbox"
!define EXE "VeilboxHelper.exe"
!define BACKGROUND_EXE "VeilboxHelperBackground.exe"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define RUN_VALUE "VeilboxHelper"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\VeilboxHelper"
!define MENU_DIR "$SMPROGRAMS\Veilbox"

Name "Veilbox Helper"
Caption "Veilbox Helper ${VERSION} Setup"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Veilbox"
ShowInstDetails show
ShowUninstDetails show
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Veilbox Helper"
VIAddVersionKey "FileDescription" "Veilbox Helper Setup"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "Veilbox"

Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Function .onInit
  ; Per user: $SMPROGRAMS is this user's Start menu, not All Users'.
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

; A running helper keeps its exe open; stop it before the files are replaced or removed.
!macro StopHelper
  nsExec::Exec '"$SYSDIR\taskkill.exe" /F /IM ${EXE}'
  Pop $0
  nsExec::Exec '"$SYSDIR\taskkill.exe" /F /IM ${BACKGROUND_EXE}'
  Pop $0
!macroend

Section "Veilbox Helper" SecHelper
  SectionIn RO
  !insertmacro StopHelper
  SetOutPath "$INSTDIR"
  File "${SOURCE_DIR}\${EXE}"
  File "${SOURCE_DIR}\${BACKGROUND_EXE}"
  SetOutPath "$INSTDIR\native"
  File /nonfatal /r "${SOURCE_DIR}\native\*.*"
  ; The packages the helper loads by name (DPAPI): see [Note: Native modules in the Windows build].
  SetOutPath "$INSTDIR\node_modules"
  File /nonfatal /r "${SOURCE_DIR}\node_modules\*.*"
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\Uninstall.exe"

  ; Logon start for this user only.
  WriteRegStr HKCU "${RUN_KEY}" "${RUN_VALUE}" '"$INSTDIR\${BACKGROUND_EXE}" ${RUN_ARGS}'

  ; Start menu: the status in a window that stays open, and the uninstaller.
  CreateDirectory "${MENU_DIR}"
  CreateShortcut "${MENU_DIR}\Veilbox Helper status.lnk" "$SYSDIR\cmd.exe" '/k ""$INSTDIR\${EXE}" status"' "$INSTDIR\${EXE}" 0
  CreateShortcut "${MENU_DIR}\Uninstall Veilbox Helper.lnk" "$INSTDIR\Uninstall.exe"

  ; Apps & features, per user.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Veilbox Helper"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Veilbox"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  !insertmacro StopHelper
  DeleteRegValue HKCU "${RUN_KEY}" "${RUN_VALUE}"

  Delete "${MENU_DIR}\Veilbox Helper status.lnk"
  Delete "${MENU_DIR}\Uninstall Veilbox Helper.lnk"
  RMDir "${MENU_DIR}"

  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${BACKGROUND_EXE}"
  RMDir /r "$INSTDIR\native"
  RMDir /r "$INSTDIR\node_modules"
  ; The helper's own files (windows-helper/src/helper-home.ts) share the folder. They go too: a device
  ; credential should not outlive the program. The synced folders themselves are elsewhere and stay.
  Delete "$INSTDIR\device.json"
  Delete "$INSTDIR\sync.sqlite"
  Delete "$INSTDIR\sync.sqlite-wal"
  Delete "$INSTDIR\sync.sqlite-shm"
  Delete "$INSTDIR\status.json"
  Delete "$INSTDIR\confirm-deletions.json"
  Delete "$INSTDIR\helper.log"
  Delete "$INSTDIR\helper.log.1"
  Delete "$INSTDIR\helper.log.2"
  Delete "$INSTDIR\helper.log.3"
  Delete "$INSTDIR\config.json"
  Delete "$INSTDIR\sync.lock"
  Delete "$INSTDIR\Uninstall.exe"
  ; Not /r: whatever else the user put there is theirs.
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
