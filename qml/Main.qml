pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

ApplicationWindow {
    id: root

    /** Which view the main area shows: "events", "detail" (events with the selected event), "gateways" or "editor". */
    property string view: "events"

    /** Selects `row` of the events table and shows its details (used by --view detail). */
    function selectRow(row: int) {
        root.view = "detail";
        eventsPage.select(row);
    }
    /** Shows a tab of the detail pane: 0 payload, 1 tree, 2 envelope, 3 deliveries, 4 request. */
    function showDetailTab(tab: int) {
        eventsPage.detailTab = tab;
    }

    width: 1280
    height: 800
    visible: true
    title: qsTr("Gateway Studio")
    color: root.palette.window

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 6
            anchors.rightMargin: 6
            spacing: 4

            ToolButton {
                text: qsTr("Open Gateway…")
                onClicked: openDialog.open()
            }
            ToolButton {
                text: qsTr("Post sample event")
                visible: Demo.running
                onClicked: Demo.postSample()
            }
            ToolButton {
                text: qsTr("Run demo")
                visible: !Demo.running
                onClicked: Demo.run()
            }
            ToolSeparator {}
            TabBar {
                id: tabs
                currentIndex: root.view === "gateways" ? 1 : root.view === "editor" ? 2 : 0
                TabButton {
                    text: qsTr("Events")
                    width: implicitWidth
                    onClicked: if (root.view !== "detail") root.view = "events"
                }
                TabButton {
                    text: qsTr("Gateways (%1)").arg(Gateways.gateways.count)
                    width: implicitWidth
                    onClicked: root.view = "gateways"
                }
                TabButton {
                    objectName: "editorTab"
                    text: Editor.modified ? qsTr("Editor ●") : qsTr("Editor")
                    width: implicitWidth
                    onClicked: root.view = "editor"
                }
            }
            Item {
                Layout.fillWidth: true
            }
            ToolButton {
                visible: root.view !== "editor"
                text: Events.paused ? qsTr("Resume") : qsTr("Pause")
                checkable: true
                checked: Events.paused
                onClicked: Events.togglePause()
            }
            TextField {
                id: findField
                visible: root.view !== "editor"
                Layout.preferredWidth: 220
                placeholderText: qsTr("Find (Ctrl+F)")
                onAccepted: eventsPage.findNext(text, false)
                Keys.onEscapePressed: {
                    text = "";
                    eventsPage.focusList();
                }
            }
        }
    }

    SplitView {
        anchors.fill: parent

        GatewaySidebar {
            visible: root.view !== "editor"
            SplitView.preferredWidth: 300
            SplitView.minimumWidth: 200
        }

        StackLayout {
            SplitView.fillWidth: true
            currentIndex: root.view === "gateways" ? 1 : root.view === "editor" ? 2 : 0

            EventsPage {
                id: eventsPage
                showDetail: root.view === "detail"
                onSelectionChanged: selected => {
                    if (selected && root.view === "events")
                        root.view = "detail";
                }
            }
            GatewaysPage {}
            EditorPage {
                id: editorPage
                onRunStarted: root.view = "events"
            }
        }
    }

    footer: StatusBar {}

    OpenGatewayDialog {
        id: openDialog
        anchors.centerIn: parent
    }

    Shortcut {
        sequences: ["Ctrl+O"]
        onActivated: root.view === "editor" ? editorPage.openFile() : openDialog.open()
    }
    Shortcut {
        sequences: ["Ctrl+F"]
        onActivated: root.view === "editor" ? editorPage.find() : findField.forceActiveFocus()
    }
    Shortcut {
        sequences: ["F3", "Ctrl+G"]
        onActivated: eventsPage.findNext(findField.text, false)
    }
    Shortcut {
        sequences: ["Shift+F3", "Ctrl+Shift+G"]
        onActivated: eventsPage.findNext(findField.text, true)
    }
    Shortcut {
        sequences: ["Ctrl+P", "Pause"]
        onActivated: Events.togglePause()
    }
    Shortcut {
        sequences: ["Ctrl+Shift+C"]
        onActivated: eventsPage.copyEnvelope()
    }
    Shortcut {
        sequences: ["Ctrl+1"]
        onActivated: root.view = "events"
    }
    Shortcut {
        sequences: ["Ctrl+2"]
        onActivated: root.view = "gateways"
    }
    Shortcut {
        sequences: ["Ctrl+3"]
        onActivated: root.view = "editor"
    }

    // Unsaved editor changes are not lost by closing the window.
    property bool closeConfirmed: false
    onClosing: close => {
        if (root.closeConfirmed || !Editor.modified)
            return;
        close.accepted = false;
        root.view = "editor";
        editorPage.guard(() => {
            root.closeConfirmed = true;
            root.close();
        });
    }
}
