pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** The problems in the open file, in file order; choosing one goes to its line. */
ColumnLayout {
    id: root

    /** The user chose the problem on 1-based `line` with field path `path`. */
    signal chosen(int line, string path)

    spacing: 0

    Label {
        Layout.fillWidth: true
        Layout.margins: 4
        objectName: "problemSummary"
        text: Editor.syntaxError.length > 0 ? (Editor.sectionCount > 0 ? qsTr("YAML syntax error: the form shows the last text that parsed")
                                                                           : qsTr("YAML syntax error"))
            : Editor.problems.count === 0 ? qsTr("No problems")
            : (Editor.problems.errors === 1 ? qsTr("1 error") : qsTr("%1 errors").arg(Editor.problems.errors)) + " · "
              + (Editor.problems.warnings === 1 ? qsTr("1 warning") : qsTr("%1 warnings").arg(Editor.problems.warnings))
        font.bold: true
    }
    ListView {
        id: list
        objectName: "problemList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: Editor.problems
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        delegate: ItemDelegate {
            id: problem
            required property int index
            required property string severity
            required property int line
            required property int column
            required property string path
            required property string message
            width: list.width
            padding: 3
            contentItem: RowLayout {
                spacing: 8
                Rectangle {
                    Layout.alignment: Qt.AlignVCenter
                    width: 8
                    height: 8
                    radius: 4
                    color: problem.severity === "error" ? "#d93636" : "#c98a00"
                }
                Label {
                    text: "%1:%2".arg(problem.line).arg(problem.column)
                    font.family: "monospace"
                    color: problem.palette.placeholderText
                }
                Label {
                    text: problem.path
                    font.family: "monospace"
                    visible: problem.path.length > 0
                }
                Label {
                    Layout.fillWidth: true
                    text: problem.message
                    elide: Text.ElideRight
                    ToolTip.visible: problem.hovered && truncated
                    ToolTip.text: problem.message
                }
            }
            onClicked: root.chosen(problem.line, problem.path)
        }
    }
}
