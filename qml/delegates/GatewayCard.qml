pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** A gateway on the Gateways page. */
Frame {
    id: root

    required property string name
    required property string type
    required property string origin
    required property string envelope
    required property string targets
    required property list<string> warnings
    required property string summary
    required property SourceListModel sources

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: root.name
                font.bold: true
                font.pointSize: root.font.pointSize + 2
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Stop")
                onClicked: Gateways.stopGateway(root.name)
            }
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Type %1 · envelope %2 · %3").arg(root.type).arg(root.envelope).arg(root.summary)
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("From %1").arg(root.origin)
            elide: Text.ElideMiddle
            color: root.palette.placeholderText
        }
        Label {
            Layout.fillWidth: true
            text: root.targets.length > 0 ? qsTr("Delivers to %1").arg(root.targets) : qsTr("Delivers nowhere (no reachable watcher or sink)")
            wrapMode: Text.Wrap
        }
        Repeater {
            model: root.warnings
            delegate: Label {
                required property string modelData
                Layout.fillWidth: true
                text: "⚠ " + modelData
                wrapMode: Text.Wrap
                font.italic: true
            }
        }
        Repeater {
            model: root.sources
            delegate: SourceDelegate {
                id: source
                Layout.fillWidth: true
                detailed: true
                testGateway: Gateways.canSendTestMessage(root.name) ? root.name : ""
                Connections {
                    target: Gateways
                    function onTestMessageSent(gateway: string, sourceName: string, ok: bool, message: string) {
                        if (gateway === root.name && sourceName === source.name) {
                            source.testOk = ok;
                            source.testResult = message;
                        }
                    }
                }
            }
        }
    }
}
