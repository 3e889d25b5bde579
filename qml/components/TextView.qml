pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import GatewayStudio

/** Read-only monospace text that scrolls both ways; selectable for copying parts. */
ScrollView {
    id: root

    property string text

    clip: true

    TextArea {
        readOnly: true
        selectByMouse: true
        text: root.text
        font.family: "monospace"
        wrapMode: TextEdit.NoWrap
        color: root.palette.text
        background: Rectangle {
            color: root.palette.base
        }
    }
}
