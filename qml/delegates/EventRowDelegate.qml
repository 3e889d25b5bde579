pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import GatewayStudio

/** One row of the events table. Plain cells, no repeaters: thousands of rows scroll past per second. */
ItemDelegate {
    id: root

    required property int index
    required property string time
    required property string gateway
    required property string source
    required property string type
    required property string sizeText
    required property int deliveryState
    required property string deliveryText
    required property string preview
    required property list<real> columns
    /** The sum of `columns`: the payload preview takes the rest of the row. */
    required property real columnsWidth
    property bool selected: false

    // Keys belong to the list (Space pauses, arrows select): the current row has the key focus,
    // and as a button it would take Space as a click.
    focusPolicy: Qt.NoFocus
    Keys.forwardTo: [root.ListView.view]

    component Cell: Label {
        height: root.height
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        rightPadding: 6
        color: root.selected ? root.palette.highlightedText : root.palette.text
    }

    height: 26
    padding: 0
    highlighted: root.selected

    background: Rectangle {
        color: root.selected ? root.palette.highlight : (root.index % 2 ? root.palette.alternateBase : root.palette.base)
    }

    contentItem: Row {
        leftPadding: 6
        Cell {
            width: root.columns[0]
            text: root.time
            font.family: "monospace"
        }
        Cell {
            width: root.columns[1]
            text: root.gateway
        }
        Cell {
            width: root.columns[2]
            text: root.source
        }
        Cell {
            width: root.columns[3]
            text: root.type
        }
        Cell {
            width: root.columns[4]
            text: root.sizeText
        }
        Cell {
            width: root.columns[5]
            text: root.deliveryText
            // Failed deliveries stand out without a colour of their own (colours come from the palette).
            font.bold: root.deliveryState === Events.Failed
            font.italic: root.deliveryState === Events.Retrying
        }
        Cell {
            width: Math.max(40, root.width - 6 - root.columnsWidth)
            text: root.preview
            font.family: "monospace"
        }
    }
}
