pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

ApplicationWindow {
    id: root

    /** Which view the main area shows: "events", "detail" (events with the selected event) or "gateways". */
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
                currentIndex: root.view === "gateways" ? 1 : 0
                onCurrentIndexChanged: root.view = currentIndex === 1 ? "gateways" : (root.view === "gateways" ? "events" : root.view)
                TabButton {
                    text: qsTr("Events")
                    width: implicitWidth
                }
                TabButton {
                    text: qsTr("Gateways (%1)").arg(Gateways.gateways.count)
                    width: implicitWidth
                }
            }
            Item {
                Layout.fillWidth: true
            }
            ToolButton {
                text: Events.paused ? qsTr("Resume") : qsTr("Pause")
                checkable: true
                checked: Events.paused
                onClicked: Events.togglePause()
            }
            TextField {
                id: findField
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
            SplitView.preferredWidth: 300
            SplitView.minimumWidth: 200
        }

        StackLayout {
            SplitView.fillWidth: true
            currentIndex: root.view === "gateways" ? 1 : 0

            EventsPage {
                id: eventsPage
                showDetail: root.view === "detail"
                onSelectionChanged: selected => {
                    if (selected && root.view === "events")
                        root.view = "detail";
                }
            }
            GatewaysPage {}
        }
    }

    footer: StatusBar {}

    OpenGatewayDialog {
        id: openDialog
        anchors.centerIn: parent
    }

    Shortcut {
        sequences: ["Ctrl+O"]
        onActivated: openDialog.open()
    }
    Shortcut {
        sequences: ["Ctrl+F"]
        onActivated: findField.forceActiveFocus()
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
}
