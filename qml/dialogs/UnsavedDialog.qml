pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import GatewayStudio

/** Asks what to do with unsaved changes before they would be lost: save, discard or cancel. */
Dialog {
    id: root

    /** What to do once the changes are saved or discarded. */
    property var pending: null
    /** Asked to save; the page saves (or asks where) and then calls proceed(). */
    signal saveRequested

    /** Runs `action` now if nothing is unsaved, else after the user decides. */
    function guard(action) {
        if (!Editor.modified) {
            action();
            return;
        }
        root.pending = action;
        root.open();
    }
    function proceed() {
        const action = root.pending;
        root.pending = null;
        if (action)
            action();
    }

    title: qsTr("Unsaved changes")
    modal: true
    standardButtons: Dialog.Save | Dialog.Discard | Dialog.Cancel

    width: 440

    Label {
        width: root.availableWidth
        wrapMode: Text.Wrap
        text: qsTr("%1 has changes that are not saved.").arg(Editor.fileName)
    }

    onAccepted: root.saveRequested()
    onDiscarded: {
        root.close();
        root.proceed();
    }
    onRejected: root.pending = null
}
