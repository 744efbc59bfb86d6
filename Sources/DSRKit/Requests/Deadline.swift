/// The GDPR Art. 12(3) response deadlines of a data subject request, as calendar dates.
///
/// Art. 12(3): the controller answers "without undue delay and in any event within one month of
/// receipt", and "that period may be extended by two further months where necessary". How a
/// period in months is counted comes from Regulation (EEC, Euratom) No 1182/71:
///
/// - Art. 3(1): the day of receipt itself is not counted, so the period runs from the next day.
/// - Art. 3(2)(c): a period in months ends on the day of the last month that has the same date
///   as the day of receipt; when the last month has no such date, it ends on that month's last
///   day (31 January → 28 or 29 February, 31 March → 30 April).
///
/// Not applied: Art. 3(4), which moves a period ending on a Saturday, Sunday or public holiday to
/// the next working day. Holidays differ per Member State and supervisory authority, and the
/// date shown here is then the earlier, safe one: a DPO who meets it is never late.
public enum Deadline {
    /// Art. 12(3): one month after receipt (Reg. 1182/71 Art. 3(2)(c): 31 January → 28/29 February).
    public static func due(received: CalendarDate) -> CalendarDate {
        received.addingMonths(1)
    }

    /// Art. 12(3): the due date extended by two further months, i.e. three months after receipt.
    ///
    /// The extension lengthens the one original period to one of three months, so the end is
    /// counted from the day of receipt under Reg. 1182/71 Art. 3(2)(c), not by adding two months
    /// to an already shortened due date: received 31 January 2026 → due 28 February 2026 →
    /// extended 30 April 2026, not 28 April. Chaining from the due date would cut up to two
    /// days off the period the Regulation grants for the sake of an arithmetic accident. The
    /// result is never earlier than the due date plus two months.
    public static func extended(received: CalendarDate) -> CalendarDate {
        received.addingMonths(3)
    }
}
