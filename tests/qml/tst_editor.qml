pragma ComponentBehavior: Bound
import QtQuick
import QtTest
import GatewayStudio

// The editor as a user drives it: typing in a generated form field changes the YAML; breaking the
// YAML by typing puts markers at the field, in the gutter and in the problems list; undo takes them
// away; unsaved changes are guarded; keyboard shortcuts reach the right place.
TestCase {
    id: testCase
    name: "Editor"
    when: windowShown

    Component {
        id: mainComponent
        Main {
            visible: true
            width: 1400
            height: 900
        }
    }

    function openEditor(type: string) {
        const window = createTemporaryObject(mainComponent, testCase);
        verify(window !== null);
        window.view = "editor";
        Editor.newFromTemplate(type);
        tryVerify(() => Editor.sections.length === 3, 5000, "sections: " + Editor.sections);
        Editor.currentSection = 2;
        const page = findChild(window.contentItem, "editorPage");
        verify(page !== null);
        tryVerify(() => page.formList.count > 3, 5000);
        return {
            window: window,
            page: page
        };
    }

    /** The form's delegate for `path` (the list makes delegates for visible rows only). */
    function fieldFor(page, path: string) {
        const row = Editor.form.indexOfPath(path);
        verify(row >= 0, path);
        page.formList.positionViewAtIndex(row, ListView.Center);
        tryVerify(() => findChild(page.formList, "field-" + path) !== null, 2000, path);
        return findChild(page.formList, "field-" + path);
    }

    function test_formTypingChangesTheYaml() {
        const ui = openEditor("webhook");
        const area = ui.page.yaml.area;
        verify(area.text.indexOf("port: \"12000\"") > 0);
        const field = fieldFor(ui.page, "data.example.port");
        verify(field !== null);
        compare(field.text, "12000");
        mouseClick(field);
        field.selectAll();
        keyClick(Qt.Key_1);
        keyClick(Qt.Key_3);
        // Each keystroke is in the YAML at once, as a one-line change of that value.
        compare(Editor.form.data(Editor.form.index(Editor.form.indexOfPath("data.example.port"), 0), FormModel.ValueRole), "13");
        verify(area.text.indexOf("    port: \"13\"\n") > 0, area.text);
        verify(area.text.indexOf("# HTTP(S) port the gateway listens on") > 0);
        compare(field.text, "13");
        verify(field.activeFocus);
        // Undo from the form undoes in the document.
        keySequence(StandardKey.Undo);
        tryVerify(() => area.text.indexOf("    port: \"12000\"\n") > 0, 2000);

        // A field further down keeps the keyboard for a whole word, with the analysis in between.
        const endpoint = fieldFor(ui.page, "data.example.endpoint");
        mouseClick(endpoint);
        endpoint.selectAll();
        for (const c of "/orders") {
            keyClick(c);
            wait(30);
        }
        verify(endpoint.activeFocus);
        compare(endpoint.text, "/orders");
        tryVerify(() => area.text.indexOf("    endpoint: /orders\n") > 0, 2000, area.text);
        wait(100); // an analysis lands while the field has the keyboard
        compare(endpoint.text, "/orders");
        verify(endpoint.activeFocus);
    }

    function test_collectionFieldIsWrittenWhenLeft() {
        const ui = openEditor("webhook");
        const area = ui.page.yaml.area;
        const masks = fieldFor(ui.page, "data.example.maskHeaders");
        verify(masks !== null);
        mouseClick(masks);
        masks.selectAll();
        keyClick("[");
        keyClick("X");
        // Half-typed flow YAML is not written.
        verify(area.text.indexOf("\n    maskHeaders:") < 0);
        keyClick(",");
        keyClick(" ");
        keyClick("Y");
        keyClick("]");
        keyClick(Qt.Key_Return);
        tryVerify(() => area.text.indexOf("\n    maskHeaders: [X, Y]\n") > 0, 2000, area.text);
        compare(Editor.lastError, "");
        tryVerify(() => Editor.form.data(Editor.form.index(Editor.form.indexOfPath("data.example.maskHeaders"), 0), FormModel.ValueRole) === "[X, Y]", 2000);
    }

    function test_yamlTypingShowsMarkersAndUndoClearsThem() {
        const ui = openEditor("webhook");
        const area = ui.page.yaml.area;
        tryVerify(() => Editor.problems.count === 0, 5000);
        // Select POST in the YAML and type another method.
        const at = area.text.indexOf("method: POST") + "method: ".length;
        verify(at > 10);
        area.forceActiveFocus();
        area.select(at, at + 4);
        keyClick(Qt.Key_F);
        keyClick(Qt.Key_E);
        keyClick(Qt.Key_T);
        keyClick(Qt.Key_C);
        keyClick(Qt.Key_H);
        verify(area.text.indexOf("method: fetch") > 0, area.text.substr(at - 10, 30));
        // Markers: the problems list, the field in the form, the gutter.
        tryVerify(() => Editor.problems.errors === 1, 3000);
        const problem = findChild(ui.page, "problem-data.example.method");
        verify(problem !== null);
        tryVerify(() => problem.visible && problem.text.indexOf("fetch") >= 0, 3000, problem.text);
        compare(Editor.form.data(Editor.form.index(Editor.form.indexOfPath("data.example.method"), 0), FormModel.ValueRole), "fetch");
        const summary = findChild(ui.page, "problemSummary");
        verify(summary.text.indexOf("1 error · 0 warnings") === 0, summary.text);
        // The gutter marks the line of the problem.
        const methodLine = area.text.substring(0, at).split("\n").length;
        compare(Editor.problems.severityAt(methodLine), 2);
        compare(Editor.problems.severityAt(methodLine - 1), 0);
        // Undo the typing: the markers go.
        keySequence(StandardKey.Undo);
        tryVerify(() => area.text.indexOf("method: POST") > 0, 2000);
        tryVerify(() => Editor.problems.count === 0, 3000);
        tryVerify(() => !problem.visible, 3000);
    }

    function test_brokenSyntaxKeepsTheForm() {
        const ui = openEditor("calendar");
        const area = ui.page.yaml.area;
        const rows = ui.page.formList.count;
        area.forceActiveFocus();
        area.cursorPosition = area.text.length;
        keyClick(Qt.Key_BracketLeft);
        tryVerify(() => Editor.syntaxError.length > 0, 3000);
        compare(ui.page.formList.count, rows);
        const summary = findChild(ui.page, "problemSummary");
        verify(summary.text.indexOf("YAML syntax error") === 0, summary.text);
        keyClick(Qt.Key_Backspace);
        tryVerify(() => Editor.syntaxError.length === 0 && Editor.problems.count === 0, 3000);
        // The calendar previews are there.
        const firings = findChild(ui.page, "firings");
        verify(firings !== null);
        tryCompare(firings, "count", 10);
    }

    function test_unsavedChangesAreGuarded() {
        const ui = openEditor("webhook");
        verify(Editor.modified);
        const dialog = findChild(ui.page, "unsavedDialog");
        verify(dialog !== null);
        ui.page.newFile("calendar");
        tryVerify(() => dialog.opened, 2000);
        // Cancel keeps the document.
        dialog.reject();
        tryVerify(() => !dialog.visible, 2000);
        verify(Editor.sections[0].indexOf("webhook") > 0, Editor.sections[0]);
        // Discard goes on.
        ui.page.newFile("calendar");
        tryVerify(() => dialog.opened, 2000);
        dialog.discarded();
        tryVerify(() => Editor.sections.length > 0 && Editor.sections[0].indexOf("calendar") > 0, 3000, Editor.sections[0]);
    }

    function test_failedSaveDropsTheWaitingAction() {
        const ui = openEditor("webhook");
        const dialog = findChild(ui.page, "unsavedDialog");
        let ran = false;
        ui.page.guard(() => {
            ran = true;
        });
        tryVerify(() => dialog.opened, 2000);
        // The unsaved file cannot be written where it is asked to go.
        Editor.saveAs("file:///nonexistent-dir-for-gs-tests/x.yaml");
        tryVerify(() => Editor.lastError.indexOf("not saved") >= 0, 3000, Editor.lastError);
        verify(dialog.pending === null);
        verify(!ran);
        dialog.close();
    }

    function test_keyboard() {
        const ui = openEditor("nats");
        const area = ui.page.yaml.area;
        // Ctrl+E moves between the form and the YAML.
        area.forceActiveFocus();
        keySequence("Ctrl+E");
        verify(!area.activeFocus);
        keySequence("Ctrl+E");
        verify(area.activeFocus);
        // Ctrl+F goes to the YAML's find; Enter selects the match.
        keySequence("Ctrl+F");
        const find = findChild(ui.page.yaml, "yamlFind");
        verify(find.activeFocus);
        keyClick(Qt.Key_S);
        keyClick(Qt.Key_U);
        keyClick(Qt.Key_B);
        keyClick(Qt.Key_J);
        keyClick(Qt.Key_Return);
        compare(area.selectedText.toLowerCase(), "subj");
        // Ctrl+3 shows the editor, Ctrl+1 the events.
        keySequence("Ctrl+1");
        compare(ui.window.view, "events");
        keySequence("Ctrl+3");
        compare(ui.window.view, "editor");
    }
}
