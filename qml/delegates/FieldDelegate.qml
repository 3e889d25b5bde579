pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/**
 * One row of the generated form: a field (text, a choice, or YAML for numbers and collections), a
 * group header (an object, or a list or map of objects with "Add"), or an entry of such a list or map.
 * Problems the validator found at the field show under it.
 */
Item {
    id: root

    required property int index
    required property string rowRole
    required property string label
    required property string path
    required property int depth
    required property string kind
    required property bool required
    required property bool present
    required property string value
    required property bool yamlValue
    required property string placeholder
    required property string description
    required property var allowed
    required property bool secret
    required property string ours
    required property bool canAdd
    required property bool canRemove
    required property int severity
    required property string problem
    required property bool known
    required property list<string> choices
    required property int choiceIndex

    /** The user changed the value (every keystroke). */
    signal edited(int row, string value)
    signal removeRequested(int row)
    signal addRequested(int row, string key)
    signal showInYaml(int row)

    readonly property bool isField: root.rowRole === "field"
    readonly property bool isChoice: root.isField && (root.kind === "enum" || root.kind === "bool") && root.allowed.length > 0
    /** Collections and free YAML are written when the field is left (or Enter): half-typed flow YAML does not parse. */
    readonly property bool commitOnFinish: root.kind === "list" || root.kind === "map" || root.kind === "object" || root.kind === "any"
        || root.kind === "secret"
    /** Whole structures (a pod template) are edited in the YAML, not in one line. */
    readonly property bool tooLong: root.yamlValue && root.value.length > 200
    readonly property color problemColor: root.severity === 2 ? "#d93636" : "#c98a00"

    /** Puts the keyboard in this row's value editor. */
    function focusValue() {
        if (choice.visible)
            choice.forceActiveFocus();
        else if (input.visible)
            input.forceActiveFocus();
    }

    implicitHeight: column.implicitHeight + 6
    implicitWidth: 400

    Rectangle {
        // The marker at the field: a bar in the problem's colour.
        width: 3
        height: parent.height - 4
        y: 2
        visible: root.severity > 0
        color: root.problemColor
    }

    ColumnLayout {
        id: column
        x: 10 + root.depth * 18
        width: root.width - x - 6
        y: 3
        spacing: 2

        RowLayout {
            Layout.fillWidth: true
            spacing: 6

            Label {
                id: keyLabel
                Layout.preferredWidth: root.isField ? Math.max(120, 190 - root.depth * 18) : -1
                Layout.fillWidth: !root.isField
                text: root.label + (root.required ? " *" : "")
                font.bold: !root.isField
                font.italic: !root.known
                elide: Text.ElideRight
                color: root.present || !root.isField ? root.palette.text : root.palette.placeholderText

                ToolTip.visible: keyHover.hovered && root.description.length > 0
                ToolTip.delay: 500
                ToolTip.text: root.path + "\n" + root.description
                HoverHandler {
                    id: keyHover
                }
                TapHandler {
                    onDoubleTapped: root.showInYaml(root.index)
                }
            }
            Label {
                visible: root.ours.length > 0
                text: qsTr("GS")
                font.pixelSize: 10
                padding: 2
                color: root.palette.highlightedText
                background: Rectangle {
                    radius: 3
                    color: root.palette.highlight
                }
                ToolTip.visible: oursHover.hovered
                ToolTip.text: qsTr("Beyond Argo Events v0.10 (%1)").arg(root.ours)
                HoverHandler {
                    id: oursHover
                }
            }
            ComboBox {
                id: choice
                objectName: "choice-" + root.path
                visible: root.isChoice
                Layout.fillWidth: true
                // The first entry leaves the key out (its default applies).
                model: root.choices
                currentIndex: root.choiceIndex
                onActivated: i => root.edited(root.index, i === 0 ? "" : root.choices[i])
            }
            TextField {
                id: input
                objectName: "field-" + root.path
                visible: root.isField && !root.isChoice
                Layout.fillWidth: true
                placeholderText: root.tooLong ? qsTr("%1 characters: double-click the key to edit it in the YAML").arg(root.value.length)
                    : root.placeholder
                readOnly: root.tooLong
                font.family: root.yamlValue ? "monospace" : keyLabel.font.family
                echoMode: root.secret ? TextInput.Password : TextInput.Normal
                selectByMouse: true
                // The file's value, except while the user types here (no cursor jumps mid-word).
                Binding on text {
                    when: !input.activeFocus
                    value: root.tooLong ? "" : root.value
                    restoreMode: Binding.RestoreNone
                }
                onTextChanged: {
                    if (!activeFocus)
                        cursorPosition = 0; // show a long value from its start
                }
                onTextEdited: {
                    if (!root.commitOnFinish)
                        root.edited(root.index, text);
                }
                onEditingFinished: {
                    if (root.commitOnFinish && text !== root.value)
                        root.edited(root.index, text);
                }
                Keys.onEscapePressed: text = root.value
                // Undo and redo are the document's, so a form edit undoes like a YAML edit.
                Keys.onShortcutOverride: event => event.accepted = event.matches(StandardKey.Undo) || event.matches(StandardKey.Redo)
                Keys.onPressed: event => {
                    if (event.matches(StandardKey.Undo)) {
                        Editor.undo();
                        event.accepted = true;
                    } else if (event.matches(StandardKey.Redo)) {
                        Editor.redo();
                        event.accepted = true;
                    }
                }
                ToolTip.visible: hovered && root.description.length > 0 && !activeFocus
                ToolTip.delay: 700
                ToolTip.text: root.description
            }
            TextField {
                id: newKey
                visible: root.canAdd && root.kind === "map"
                Layout.preferredWidth: 120
                placeholderText: qsTr("new key")
                onAccepted: root.addRequested(root.index, text)
            }
            ToolButton {
                objectName: "add-" + root.path
                visible: root.canAdd
                text: qsTr("Add")
                onClicked: root.addRequested(root.index, newKey.text)
            }
            ToolButton {
                objectName: "remove-" + root.path
                visible: root.canRemove && !root.required
                text: "✕"
                ToolTip.visible: hovered
                ToolTip.text: root.rowRole === "entry" ? qsTr("Remove this entry") : qsTr("Remove %1 from the file").arg(root.label)
                onClicked: root.removeRequested(root.index)
            }
        }
        Label {
            // The field's description while it is being edited.
            Layout.fillWidth: true
            Layout.leftMargin: keyLabel.Layout.preferredWidth + 6
            visible: (input.activeFocus || choice.activeFocus) && root.description.length > 0
            text: root.description + (root.commitOnFinish ? qsTr(" (YAML flow style, written when you press Enter or leave the field)") : "")
            wrapMode: Text.Wrap
            font.pixelSize: 11
            color: root.palette.placeholderText
        }
        Label {
            objectName: "problem-" + root.path
            Layout.fillWidth: true
            Layout.leftMargin: root.isField ? keyLabel.Layout.preferredWidth + 6 : 0
            visible: root.problem.length > 0
            text: root.problem
            wrapMode: Text.Wrap
            color: root.problemColor
            font.pixelSize: 12
        }
    }
}
