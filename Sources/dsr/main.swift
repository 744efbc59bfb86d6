import DSRCommands

DSR.entry()
