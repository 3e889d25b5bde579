pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** A gateway in the sidebar: its name and type, then one line per source. */
Column {
    id: root

    required property string name
    required property string type
    required property string summary
    required property bool healthy
    required property SourceListModel sources

    spacing: 2
    padding: 8

    RowLayout {
        width: root.width - 2 * root.padding
        Label {
            text: root.name
            font.bold: true
            elide: Text.ElideRight
            Layout.fillWidth: true
            color: root.palette.text
        }
        Label {
            text: root.type
            color: root.palette.placeholderText
        }
    }
    Label {
        text: root.summary
        font.italic: !root.healthy
        color: root.palette.placeholderText
    }
    Repeater {
        model: root.sources
        delegate: SourceDelegate {
            width: root.width - 2 * root.padding
        }
    }
}
