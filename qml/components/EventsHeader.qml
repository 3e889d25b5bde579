pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import GatewayStudio

/** The events table's column titles. */
Rectangle {
    id: root

    required property list<real> columns

    implicitHeight: 28
    color: root.palette.button

    Row {
        anchors.fill: parent
        anchors.leftMargin: 6
        spacing: 0
        Repeater {
            model: [qsTr("Time"), qsTr("Gateway"), qsTr("Source"), qsTr("Type"), qsTr("Size"), qsTr("Delivery"), qsTr("Payload")]
            delegate: Label {
                required property string modelData
                required property int index
                width: index < root.columns.length ? root.columns[index] : 300
                height: root.height
                verticalAlignment: Text.AlignVCenter
                text: modelData
                font.bold: true
                color: root.palette.buttonText
                elide: Text.ElideRight
            }
        }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: root.palette.mid
    }
}
