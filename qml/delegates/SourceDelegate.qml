pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** One event source: name, state (starting, running, failed with the error, restarting) and events. */
ColumnLayout {
    id: root

    required property string name
    required property int phase
    required property string phaseText
    required property string message
    required property string connection
    required property int restarts
    /** Also show the connection report and restarts (the Gateways page). */
    property bool detailed: false

    spacing: 0

    RowLayout {
        Layout.fillWidth: true
        Label {
            // A filled dot when running, a hollow one otherwise: state without a colour of its own.
            text: root.phase === SourceListModel.Running ? "●" : "○"
            color: root.phase === SourceListModel.Failed || root.phase === SourceListModel.Invalid ? root.palette.highlight : root.palette.text
        }
        Label {
            text: root.name
            elide: Text.ElideRight
            Layout.fillWidth: true
            color: root.palette.text
        }
        Label {
            text: root.phaseText
            font.bold: root.phase === SourceListModel.Failed || root.phase === SourceListModel.Invalid
            color: root.palette.text
        }
    }
    Label {
        Layout.fillWidth: true
        Layout.leftMargin: 18
        visible: root.message.length > 0
        text: root.message
        wrapMode: Text.Wrap
        maximumLineCount: root.detailed ? 6 : 3
        elide: Text.ElideRight
        color: root.palette.text
    }
    Label {
        Layout.fillWidth: true
        Layout.leftMargin: 18
        visible: root.detailed && root.connection.length > 0
        text: root.restarts > 0 ? qsTr("%1 (restarted %2 times)").arg(root.connection).arg(root.restarts) : root.connection
        wrapMode: Text.Wrap
        color: root.palette.placeholderText
    }
}
