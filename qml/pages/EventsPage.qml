pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** The live events table across all gateways, with the selected event's details below it. */
SplitView {
    id: root

    /** Whether the detail pane is shown (it shows the current row). */
    property bool showDetail: false
    /** Follow new events (scrolling up or selecting turns it off; End turns it on). */
    property bool follow: true
    /** The detail pane's tab: 0 payload, 1 tree, 2 envelope, 3 deliveries, 4 request. */
    property alias detailTab: detailPane.currentTab
    readonly property alias currentRow: list.currentIndex
    readonly property alias detail: controller

    signal selectionChanged(bool selected)

    function select(row: int) {
        root.follow = false;
        list.currentIndex = row;
        list.positionViewAtIndex(row, ListView.Contain);
        list.forceActiveFocus();
    }
    function findNext(text: string, backwards: bool) {
        const row = Events.find(text, list.currentIndex, backwards);
        if (row >= 0)
            root.select(row);
    }
    function scrollToEnd() {
        if (root.follow)
            list.positionViewAtEnd();
    }
    function focusList() {
        list.forceActiveFocus();
    }
    function copyEnvelope() {
        controller.copyEnvelope();
    }

    orientation: Qt.Vertical

    EventDetailController {
        id: controller
        model: Events
        row: list.currentIndex
    }

    ColumnLayout {
        SplitView.fillHeight: true
        SplitView.minimumHeight: 160
        spacing: 0

        EventsHeader {
            Layout.fillWidth: true
            columns: root.columns
        }

        ListView {
            id: list
            objectName: "eventsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Events
            currentIndex: -1
            boundsBehavior: Flickable.StopAtBounds
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            activeFocusOnTab: true
            reuseItems: true
            delegate: EventRowDelegate {
                width: list.width
                columns: root.columns
                columnsWidth: root.columnsWidth
                selected: ListView.isCurrentItem
                onClicked: {
                    root.follow = false;
                    list.currentIndex = index;
                    list.forceActiveFocus();
                    root.selectionChanged(true);
                }
            }
            ScrollBar.vertical: ScrollBar {
                id: scrollBar
                onPressedChanged: if (!pressed) root.follow = list.atYEnd
            }
            onMovementEnded: root.follow = list.atYEnd
            // After the new rows are laid out, not while the count changes.
            onCountChanged: if (root.follow) followTimer.restart()

            Timer {
                id: followTimer
                interval: 0
                onTriggered: root.scrollToEnd()
            }
            Keys.onPressed: event => {
                if (event.matches(StandardKey.Copy)) {
                    controller.copyPayload();
                    event.accepted = true;
                } else if (event.key === Qt.Key_End) {
                    root.follow = true;
                    list.currentIndex = list.count - 1;
                    list.positionViewAtEnd();
                    event.accepted = true;
                } else if (event.key === Qt.Key_Space) {
                    Events.togglePause();
                    event.accepted = true;
                } else if (event.key === Qt.Key_Up || event.key === Qt.Key_Down) {
                    root.follow = false;
                }
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: Events.paused ? qsTr("Paused") : qsTr("No events yet. Open a Gateway, run the demo, or post to a webhook.")
                color: root.palette.placeholderText
            }
        }

        Pane {
            objectName: "followBanner"
            Layout.fillWidth: true
            visible: Events.paused || !root.follow
            padding: 4
            background: Rectangle {
                color: root.palette.alternateBase
            }
            RowLayout {
                anchors.fill: parent
                Label {
                    objectName: "followBannerText"
                    Layout.fillWidth: true
                    text: Events.paused ? qsTr("Paused: %n new event(s) waiting.", "", Events.arrivedWhilePaused) : qsTr("Not following new events.")
                    color: root.palette.text
                }
                Button {
                    text: Events.paused ? qsTr("Resume") : qsTr("Follow (End)")
                    onClicked: {
                        Events.paused = false;
                        root.follow = true;
                        list.positionViewAtEnd();
                    }
                }
            }
        }
    }

    EventDetailPane {
        id: detailPane
        objectName: "detailPane"
        SplitView.preferredHeight: root.height * 0.45
        SplitView.minimumHeight: 120
        visible: root.showDetail || controller.hasEvent
        controller: controller
    }

    /** Column widths shared by the header and the rows. */
    readonly property list<real> columns: [110, 130, 120, 80, 70, 110]
    readonly property real columnsWidth: 620
}
