pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import GatewayStudio

/**
 * The Gateway and ConfigMap editor: the file's sections, a form generated from the schema of the
 * section being edited, and the YAML, kept in sync both ways; problems at the fields, in the YAML
 * gutter and in a list; previews of the source's events; Run starts the gateway in-process.
 */
Item {
    id: root
    objectName: "editorPage"

    /** "both", "form" or "yaml": what the editor area shows. */
    property string layoutMode: "both"
    /** The form row edited last (where Ctrl+E goes back to). */
    property int lastRow: 0
    readonly property alias yaml: yamlView
    readonly property alias formList: formList

    /** The gateway `name` was started from the editor. */
    signal runStarted(string name)

    function newFile(type: string) {
        unsaved.guard(() => Editor.newFromTemplate(type));
    }
    function openFile() {
        unsaved.guard(() => openDialog.open());
    }
    function openRecent(path: string) {
        unsaved.guard(() => Editor.openPath(path));
    }
    function save() {
        if (!Editor.save())
            saveDialog.open();
    }
    function switchView() {
        // Form -> YAML -> form; keeps both visible unless one is hidden.
        if (yamlView.area.activeFocus) {
            if (root.layoutMode === "yaml")
                root.layoutMode = "both";
            root.focusForm();
        } else {
            if (root.layoutMode === "form")
                root.layoutMode = "both";
            yamlView.area.forceActiveFocus();
        }
    }
    /** Asks the form's delegate of `row` to take the keyboard. */
    signal focusRowRequested(int row)

    function focusForm() {
        const row = Math.max(0, Math.min(root.lastRow, formList.count - 1));
        formList.positionViewAtIndex(row, ListView.Contain);
        formList.forceActiveFocus();
        root.focusRowRequested(row);
    }
    function find() {
        if (root.layoutMode === "form")
            root.layoutMode = "both";
        yamlView.focusFind();
    }
    /** Runs `action` unless there are unsaved changes the user keeps (the window's close). */
    function guard(action) {
        unsaved.guard(action);
    }

    Connections {
        target: Editor
        function onRunStarted(name) {
            root.runStarted(name);
        }
        function onSaved() {
            if (unsaved.pending)
                unsaved.proceed();
        }
        function onLastErrorChanged() {
            // A save asked for by the unsaved-changes dialog failed: what waited on it does not happen.
            if (Editor.lastError.length > 0)
                unsaved.pending = null;
        }
        function onSectionChosen(index, line) {
            yamlView.showLine(line);
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ToolBar {
            Layout.fillWidth: true
            RowLayout {
                anchors.fill: parent
                spacing: 2
                ToolButton {
                    id: newButton
                    objectName: "newButton"
                    text: qsTr("New ▾")
                    onClicked: templateMenu.popup(newButton, 0, newButton.height)
                    Menu {
                        id: templateMenu
                        Repeater {
                            model: Editor.templateTypes
                            delegate: MenuItem {
                                required property string modelData
                                text: qsTr("%1 gateway").arg(modelData)
                                onTriggered: root.newFile(modelData)
                            }
                        }
                    }
                }
                ToolButton {
                    text: qsTr("Open…")
                    onClicked: root.openFile()
                }
                ToolButton {
                    id: recentButton
                    text: qsTr("Recent ▾")
                    enabled: Editor.recentFiles.length > 0
                    onClicked: recentMenu.popup(recentButton, 0, recentButton.height)
                    Menu {
                        id: recentMenu
                        Repeater {
                            model: Editor.recentFiles
                            delegate: MenuItem {
                                required property string modelData
                                text: modelData
                                onTriggered: root.openRecent(modelData)
                            }
                        }
                    }
                }
                ToolButton {
                    objectName: "saveButton"
                    text: qsTr("Save")
                    enabled: Editor.modified || Editor.filePath === ""
                    onClicked: root.save()
                }
                ToolButton {
                    text: qsTr("Save As…")
                    onClicked: saveDialog.open()
                }
                ToolSeparator {}
                ToolButton {
                    text: qsTr("Undo")
                    enabled: Editor.canUndo
                    onClicked: Editor.undo()
                }
                ToolButton {
                    text: qsTr("Redo")
                    enabled: Editor.canRedo
                    onClicked: Editor.redo()
                }
                ToolSeparator {}
                TabBar {
                    id: layoutTabs
                    currentIndex: root.layoutMode === "form" ? 1 : root.layoutMode === "yaml" ? 2 : 0
                    TabButton {
                        text: qsTr("Form + YAML")
                        width: implicitWidth
                        onClicked: root.layoutMode = "both"
                    }
                    TabButton {
                        text: qsTr("Form")
                        width: implicitWidth
                        onClicked: root.layoutMode = "form"
                    }
                    TabButton {
                        text: qsTr("YAML")
                        width: implicitWidth
                        onClicked: root.layoutMode = "yaml"
                    }
                }
                Item {
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "fileTitle"
                    text: (Editor.modified ? "● " : "") + Editor.fileName
                    font.bold: true
                    elide: Text.ElideMiddle
                    Layout.maximumWidth: 320
                    ToolTip.visible: titleHover.hovered && Editor.filePath !== ""
                    ToolTip.text: Editor.filePath
                    HoverHandler {
                        id: titleHover
                    }
                }
                Button {
                    objectName: "runButton"
                    text: qsTr("▶ Run")
                    highlighted: true
                    enabled: Editor.runnable
                    ToolTip.visible: hovered
                    ToolTip.text: Editor.runnable ? qsTr("Start this Gateway here and watch its events (Ctrl+R)") : qsTr("The file holds no Gateway to run")
                    onClicked: Editor.run()
                }
            }
        }

        Label {
            objectName: "editorError"
            Layout.fillWidth: true
            visible: Editor.lastError.length > 0
            text: Editor.lastError
            wrapMode: Text.Wrap
            padding: 6
            color: "white"
            background: Rectangle {
                color: "#b3261e"
            }
            TapHandler {
                onTapped: Editor.clearError()
            }
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Vertical

            SplitView {
                SplitView.fillHeight: true
                orientation: Qt.Horizontal

                // Sections: each Gateway, ConfigMap and event source of the file.
                ColumnLayout {
                    SplitView.preferredWidth: 210
                    SplitView.minimumWidth: 140
                    spacing: 0
                    Label {
                        Layout.margins: 4
                        text: qsTr("Sections")
                        font.bold: true
                    }
                    ListView {
                        id: sectionList
                        objectName: "sectionList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: Editor.sectionModel
                        currentIndex: Editor.currentSection
                        delegate: ItemDelegate {
                            id: sectionItem
                            required property int index
                            required property var model
                            readonly property string title: sectionItem.model.display
                            width: sectionList.width
                            text: sectionItem.title
                            // Event sources are indented under their ConfigMap.
                            leftPadding: sectionItem.title.startsWith("Gateway") || sectionItem.title.startsWith("ConfigMap") ? 8 : 22
                            highlighted: index === Editor.currentSection
                            onClicked: Editor.currentSection = index
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.margins: 4
                        visible: Editor.sourceType === "" && Editor.sectionTitle.startsWith("ConfigMap")
                        TextField {
                            id: sourceKey
                            objectName: "newSourceKey"
                            Layout.fillWidth: true
                            placeholderText: qsTr("new source key")
                            onAccepted: addSourceButton.clicked()
                        }
                        Button {
                            id: addSourceButton
                            text: qsTr("Add")
                            onClicked: {
                                if (Editor.addSource(sourceKey.text))
                                    sourceKey.text = "";
                            }
                        }
                    }
                }

                // The form and the previews.
                SplitView {
                    visible: root.layoutMode !== "yaml"
                    SplitView.preferredWidth: 560
                    SplitView.fillWidth: root.layoutMode === "form"
                    orientation: Qt.Vertical

                    ColumnLayout {
                        SplitView.fillHeight: true
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            Layout.margins: 4
                            text: Editor.sectionCount > 0 ? Editor.sectionTitle : qsTr("No document")
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Label {
                            objectName: "formNote"
                            Layout.fillWidth: true
                            Layout.margins: 8
                            visible: !Editor.hasForm
                            wrapMode: Text.Wrap
                            text: Editor.sectionCount > 0 ? Editor.formNote
                                : Editor.syntaxError.length > 0 ? qsTr("The YAML does not parse (see the problems below): the form appears once it does.")
                                : qsTr("Create a gateway from a template (New) or open a file.")
                            color: root.palette.placeholderText
                        }
                        ListView {
                            id: formList
                            objectName: "formList"
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            clip: true
                            model: Editor.form
                            visible: Editor.hasForm
                            boundsBehavior: Flickable.StopAtBounds
                            reuseItems: false
                            // No delegates made ahead asynchronously: a model reset would cancel them half-made.
                            cacheBuffer: 0
                            ScrollBar.vertical: ScrollBar {}
                            delegate: FieldDelegate {
                                id: fieldItem
                                width: formList.width
                                Connections {
                                    target: root
                                    function onFocusRowRequested(row: int) {
                                        if (row === fieldItem.index)
                                            fieldItem.focusValue();
                                    }
                                }
                                onEdited: (row, value) => {
                                    // Not currentIndex: that would take the keyboard from the field.
                                    root.lastRow = row;
                                    Editor.setFieldValue(row, value);
                                }
                                onRemoveRequested: row => Editor.removeRow(row)
                                onAddRequested: (row, key) => Editor.addEntry(row, key)
                                onShowInYaml: row => {
                                    const line = Editor.lineOfRow(row);
                                    if (line > 0) {
                                        if (root.layoutMode === "form")
                                            root.layoutMode = "both";
                                        yamlView.goToLine(line);
                                    }
                                }
                            }
                        }
                    }
                    PreviewPane {
                        SplitView.preferredHeight: 280
                        visible: Editor.sourceType.length > 0
                    }
                }

                YamlView {
                    id: yamlView
                    visible: root.layoutMode !== "form"
                    SplitView.fillWidth: true
                    SplitView.minimumWidth: 200
                }
            }

            ProblemsPane {
                SplitView.preferredHeight: 130
                SplitView.minimumHeight: 60
                onChosen: (line, path) => {
                    const s = Editor.sectionAtLine(line);
                    if (s >= 0)
                        Editor.currentSection = s;
                    if (root.layoutMode === "form")
                        root.layoutMode = "both";
                    yamlView.goToLine(line);
                }
            }
        }
    }

    UnsavedDialog {
        id: unsaved
        objectName: "unsavedDialog"
        anchors.centerIn: parent
        onSaveRequested: root.save()
    }
    FileDialog {
        id: openDialog
        title: qsTr("Open a Gateway or ConfigMap file")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("YAML files (*.yaml *.yml)"), qsTr("All files (*)")]
        onAccepted: Editor.open(selectedFile)
    }
    FileDialog {
        id: saveDialog
        title: qsTr("Save the file as")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "yaml"
        nameFilters: [qsTr("YAML files (*.yaml *.yml)"), qsTr("All files (*)")]
        onAccepted: Editor.saveAs(selectedFile)
        onRejected: unsaved.pending = null
    }

    // Keyboard: active while the editor is on show.
    Shortcut {
        sequences: ["Ctrl+S"]
        enabled: root.visible
        onActivated: root.save()
    }
    Shortcut {
        sequences: ["Ctrl+Shift+S"]
        enabled: root.visible
        onActivated: saveDialog.open()
    }
    Shortcut {
        sequences: ["Ctrl+N"]
        enabled: root.visible
        onActivated: templateMenu.popup(newButton, 0, newButton.height)
    }
    Shortcut {
        sequences: ["Ctrl+E"]
        enabled: root.visible
        onActivated: root.switchView()
    }
    Shortcut {
        sequences: ["Ctrl+R", "F5"]
        enabled: root.visible
        onActivated: Editor.run()
    }
    Shortcut {
        sequences: ["Ctrl+Z"]
        enabled: root.visible
        onActivated: Editor.undo()
    }
    Shortcut {
        sequences: ["Ctrl+Shift+Z", "Ctrl+Y"]
        enabled: root.visible
        onActivated: Editor.redo()
    }
}
