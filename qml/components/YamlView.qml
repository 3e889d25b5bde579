pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/**
 * The YAML text of the open file: line numbers, a gutter with a mark on every line that has a
 * problem (its messages as a tooltip), underlined spans (the editor's highlighter), and find.
 * Its document is the editor's: typing, undo and redo here are the file's.
 */
Item {
    id: root

    /** The text area, for tests and for focus. */
    readonly property alias area: area
    readonly property real lineHeight: area.lineCount > 0 ? area.contentHeight / area.lineCount : 16

    /** Puts the cursor at the start of 1-based `line` and scrolls it into view. */
    function goToLine(line: int) {
        const text = area.text;
        let pos = 0;
        for (let l = 1; l < line && pos >= 0; ++l)
            pos = text.indexOf("\n", pos) + 1;
        area.cursorPosition = Math.max(0, pos);
        const y = area.topPadding + (line - 1) * root.lineHeight;
        if (y < flick.contentY || y > flick.contentY + flick.height - root.lineHeight * 2)
            flick.contentY = Math.max(0, Math.min(y - flick.height / 3, flick.contentHeight - flick.height));
        area.forceActiveFocus();
    }
    /** Scrolls 1-based `line` to the top third of the view without taking the keyboard. */
    function showLine(line: int) {
        const y = area.topPadding + (line - 1) * root.lineHeight;
        flick.contentY = Math.max(0, Math.min(y - flick.height / 3, flick.contentHeight - flick.height));
    }
    /** Selects the next (or previous) match of `needle`, case-insensitive, wrapping around. */
    function find(needle: string, backwards: bool): bool {
        if (needle.length === 0)
            return false;
        const hay = area.text.toLowerCase();
        const n = needle.toLowerCase();
        let at = backwards ? hay.lastIndexOf(n, area.selectionStart - 1) : hay.indexOf(n, area.selectionEnd);
        if (at < 0)
            at = backwards ? hay.lastIndexOf(n) : hay.indexOf(n);
        if (at < 0)
            return false;
        area.select(at, at + needle.length);
        const line = hay.substring(0, at).split("\n").length;
        const y = area.topPadding + (line - 1) * root.lineHeight;
        if (y < flick.contentY || y > flick.contentY + flick.height - root.lineHeight * 2)
            flick.contentY = Math.max(0, Math.min(y - flick.height / 3, flick.contentHeight - flick.height));
        return true;
    }
    /** Back to the top of a newly opened file. */
    function reset() {
        area.cursorPosition = 0;
        flick.contentY = 0;
        flick.contentX = 0;
    }
    function focusFind() {
        findField.forceActiveFocus();
        findField.selectAll();
    }

    Connections {
        target: Editor
        function onFileChanged() {
            root.reset();
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 4
            Label {
                text: qsTr("YAML")
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                // From the cursor's rectangle: reading area.text would copy the whole file at every move.
                text: qsTr("line %1").arg(Math.round((area.cursorRectangle.y - area.topPadding) / root.lineHeight) + 1)
                color: root.palette.placeholderText
                horizontalAlignment: Text.AlignRight
            }
            TextField {
                id: findField
                objectName: "yamlFind"
                Layout.preferredWidth: Math.min(180, root.width / 2)
                placeholderText: qsTr("Find in YAML")
                onAccepted: root.find(text, false)
                Keys.onEscapePressed: area.forceActiveFocus()
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: root.palette.base
            border.color: area.activeFocus ? root.palette.highlight : root.palette.mid

            Item {
                id: gutter
                width: numbers.width + 18
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.left: parent.left
                anchors.margins: 1
                clip: true

                Rectangle {
                    anchors.fill: parent
                    color: root.palette.alternateBase
                }
                TextMetrics {
                    id: numbers
                    font: area.font
                    text: String(Math.max(area.lineCount, 100))
                }
                // Line numbers and problem marks: only the visible lines are made, so a file with
                // thousands of problems costs no more than one with a few.
                ListView {
                    id: lineNumbers
                    anchors.fill: parent
                    anchors.topMargin: area.topPadding
                    interactive: false
                    contentY: flick.contentY
                    model: area.lineCount
                    delegate: Item {
                        id: lineItem
                        required property int index
                        readonly property int severity: Editor.problems.revision >= 0 ? Editor.problems.severityAt(lineItem.index + 1) : 0
                        width: lineNumbers.width
                        height: root.lineHeight
                        Rectangle {
                            objectName: "gutterMark"
                            x: 1
                            anchors.verticalCenter: parent.verticalCenter
                            width: 8
                            height: 8
                            radius: 4
                            visible: lineItem.severity > 0
                            color: lineItem.severity === 2 ? "#d93636" : "#c98a00"
                            HoverHandler {
                                id: markHover
                            }
                            ToolTip.visible: markHover.hovered
                            ToolTip.text: markHover.hovered ? Editor.problems.messagesAt(lineItem.index + 1) : ""
                        }
                        Label {
                            anchors.right: parent.right
                            anchors.rightMargin: 4
                            height: parent.height
                            text: lineItem.index + 1
                            font: area.font
                            color: root.palette.placeholderText
                        }
                    }
                }
            }

            Flickable {
                id: flick
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.left: gutter.right
                anchors.right: parent.right
                anchors.margins: 1
                clip: true
                boundsBehavior: Flickable.StopAtBounds

                TextArea.flickable: TextArea {
                    id: area
                    objectName: "yamlArea"
                    font.family: "monospace"
                    wrapMode: TextEdit.NoWrap
                    selectByMouse: true
                    persistentSelection: true
                    color: root.palette.text
                    textFormat: TextEdit.PlainText
                    background: null
                    Component.onCompleted: Editor.textDocument = area.textDocument
                }
                ScrollBar.vertical: ScrollBar {}
                ScrollBar.horizontal: ScrollBar {}
            }
        }
    }
}
