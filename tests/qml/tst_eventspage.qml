pragma ComponentBehavior: Bound
import QtQuick
import QtTest
import GatewayStudio
import GatewayStudio.Test

// The events page: rows arrive in batches, pause holds them, selection fills the detail pane,
// find jumps to a match, scrolling up stops following.
TestCase {
    id: testCase
    name: "EventsPage"
    width: 1000
    height: 700
    visible: true
    when: windowShown

    Component {
        id: pageComponent
        EventsPage {
            width: 1000
            height: 700
        }
    }

    function makePage() {
        TestFeed.reset();
        const page = createTemporaryObject(pageComponent, testCase);
        verify(page !== null);
        return page;
    }
    function list(page) {
        return findChild(page, "eventsList");
    }

    function test_rowsArriveInBatches() {
        const page = makePage();
        TestFeed.push(25);
        TestFeed.drain();
        compare(list(page).count, 25);
        compare(Events.count, 25);
        // The timer drains by itself too.
        TestFeed.push(5);
        tryCompare(list(page), "count", 30, 2000);
    }

    function test_pauseHoldsNewEvents() {
        const page = makePage();
        TestFeed.push(10);
        TestFeed.drain();
        const view = list(page);
        view.forceActiveFocus();
        keyClick(Qt.Key_Space);
        verify(Events.paused);
        TestFeed.push(3);
        TestFeed.drain();
        compare(view.count, 10);
        compare(Events.arrivedWhilePaused, 3);
        const banner = findChild(page, "followBanner");
        verify(banner.visible);
        verify(findChild(page, "followBannerText").text.indexOf("3 new") >= 0, findChild(page, "followBannerText").text);
        keyClick(Qt.Key_Space);
        verify(!Events.paused);
        compare(view.count, 13);
        compare(Events.arrivedWhilePaused, 0);
    }

    function test_selectionFillsTheDetailPane() {
        const page = makePage();
        TestFeed.push(3, "first");
        const id = TestFeed.push(1, "chosen");
        TestFeed.push(3, "after");
        TestFeed.drain();
        const view = list(page);
        waitForRendering(view);
        // Click the fourth row (header excluded: rows are 26 px high).
        const row = view.itemAtIndex(3);
        verify(row !== null);
        mouseClick(row, 50, 10);
        compare(page.currentRow, 3);
        compare(page.detail.eventId, id);
        verify(page.detail.payloadText.indexOf("\"marker\": \"chosen\"") >= 0, page.detail.payloadText);
        verify(page.detail.payloadIsJson);
        compare(page.detail.payloadTree.rowCount(), 3);
        const pane = findChild(page, "detailPane");
        verify(pane.visible);
        compare(findChild(pane, "payloadText").text, page.detail.payloadText);
        // Its deliveries show up as they happen.
        TestFeed.deliver(id, "pending");
        TestFeed.deliver(id, "delivered");
        TestFeed.drain();
        compare(page.detail.deliveries.count, 2);
        // Keyboard selection moves it.
        keyClick(Qt.Key_Down);
        compare(page.currentRow, 4);
        verify(page.detail.payloadText.indexOf("after") >= 0);
        // Space after clicking a row pauses (the row must not take it as a click) and resumes.
        mouseClick(view.itemAtIndex(1), 50, 10);
        compare(page.currentRow, 1);
        keyClick(Qt.Key_Space);
        verify(Events.paused);
        compare(page.currentRow, 1);
        keyClick(Qt.Key_Space);
        verify(!Events.paused);
    }

    function test_largePayloadIsMarkedTruncated() {
        const page = makePage();
        TestFeed.push(2);
        TestFeed.pushLarge(200000);
        TestFeed.drain();
        page.select(2);
        verify(page.detail.payloadTruncated);
        const banner = findChild(page, "truncationBanner");
        verify(banner !== null);
        verify(banner.visible);
        verify(banner.text.indexOf("Truncated") >= 0, banner.text);
    }

    function test_findJumpsToAMatch() {
        const page = makePage();
        TestFeed.push(20, "hay");
        TestFeed.push(1, "needle");
        TestFeed.push(20, "hay");
        TestFeed.drain();
        page.findNext("NEEDLE", false);
        compare(page.currentRow, 20);
        page.findNext("needle", false); // wraps to the same row
        compare(page.currentRow, 20);
    }

    function test_scrollingUpStopsFollowing() {
        const page = makePage();
        TestFeed.push(200);
        TestFeed.drain();
        const view = list(page);
        tryVerify(() => view.atYEnd, 2000);
        verify(page.follow);
        // A flick towards the top is a user scroll.
        mouseDrag(view, 300, 100, 0, 300);
        tryVerify(() => !page.follow, 3000);
        tryVerify(() => !view.moving, 3000);
        TestFeed.push(50);
        TestFeed.drain();
        verify(!view.atYEnd);
        // End follows again.
        view.forceActiveFocus();
        keyClick(Qt.Key_End);
        verify(page.follow);
        TestFeed.push(10);
        TestFeed.drain();
        tryVerify(() => view.atYEnd, 2000);
    }
}
