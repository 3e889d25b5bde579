pragma ComponentBehavior: Bound
import QtQuick
import QtTest
import GatewayStudio
import GatewayStudio.Test

// The whole window: views switch, the status bar counts events and drops, the sidebar says when
// there are no gateways.
TestCase {
    id: testCase
    name: "MainWindow"
    when: windowShown

    Component {
        id: mainComponent
        Main {
            visible: true
        }
    }

    function test_viewsAndCounts() {
        TestFeed.reset();
        const window = createTemporaryObject(mainComponent, testCase);
        verify(window !== null);
        compare(window.view, "events");
        const count = findChild(window.contentItem.parent, "eventCount") || findChild(window.footer, "eventCount");
        verify(count !== null);
        TestFeed.push(7);
        TestFeed.drain();
        tryVerify(() => count.text.indexOf("7 events shown") === 0, 2000, count.text);
        const dropped = findChild(window.footer, "droppedCount");
        verify(dropped.text.indexOf("0 dropped") === 0, dropped.text);
        window.view = "gateways";
        compare(window.view, "gateways");
        window.selectRow(3);
        compare(window.view, "detail");
    }
}
