pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** Every gateway in detail: where it came from, envelope, delivery targets, warnings, sources. */
ListView {
    id: root

    clip: true
    spacing: 8
    model: Gateways.gateways
    topMargin: 8
    bottomMargin: 8
    ScrollBar.vertical: ScrollBar {}

    delegate: GatewayCard {
        width: root.width - 16
        x: 8
    }

    Label {
        anchors.centerIn: parent
        visible: root.count === 0
        text: qsTr("No gateways are running.")
        color: root.palette.placeholderText
    }
}
