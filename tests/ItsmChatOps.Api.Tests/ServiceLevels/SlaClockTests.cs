using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.ServiceLevels;

namespace ItsmChatOps.Api.Tests.ServiceLevels;

/// <summary>Calendar arithmetic on service hours: weekends, holidays, daylight saving and time zones (SLM-07).</summary>
public sealed class SlaClockTests
{
    private static readonly CalendarPolicy London = PolicyDefaults.OfficeHours with { Holidays = [new DateOnly(2026, 3, 9), new DateOnly(2026, 12, 25)] };

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Requirement", "SLM-07")]
    public void FridayAfternoon_EightServiceHours_SkipsTheWeekendAndAMondayHoliday()
    {
        var clock = new SlaClock(London, twentyFourSeven: false);
        Assert.Equal(Utc(2026, 3, 10, 16, 30), clock.Add(Utc(2026, 3, 6, 16, 30), TimeSpan.FromHours(8)));
    }

    [Fact]
    [Trait("Requirement", "SLM-07")]
    public void OutsideHours_TheClockStartsAtTheNextOpening()
    {
        var clock = new SlaClock(London, twentyFourSeven: false);
        Assert.Equal(Utc(2026, 3, 2, 9, 30), clock.Add(Utc(2026, 3, 1, 22, 0), TimeSpan.FromMinutes(30)));
        Assert.Equal(Utc(2026, 3, 3, 9, 30), clock.Add(Utc(2026, 3, 2, 17, 0), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    [Trait("Requirement", "SLM-07")]
    public void AcrossTheSpringChange_LocalHoursStayLocal()
    {
        // 29 March 2026: London moves from GMT to BST; 09:00 local is 09:00 UTC on Friday, 08:00 UTC on Monday.
        var clock = new SlaClock(London, twentyFourSeven: false);
        Assert.Equal(Utc(2026, 3, 30, 8, 30), clock.Add(Utc(2026, 3, 27, 16, 30), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromHours(1), clock.Between(Utc(2026, 3, 27, 16, 30), Utc(2026, 3, 30, 8, 30)));
    }

    [Fact]
    [Trait("Requirement", "SLM-07")]
    public void AroundTheClockCalendar_CountsTheShortAndTheLongNightsExactly()
    {
        var nights = new CalendarPolicy
        {
            TimeZone = "Europe/London",
            Week = [.. Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours(d, TimeOnly.MinValue, TimeOnly.MaxValue))],
        };
        var clock = new SlaClock(nights, twentyFourSeven: false);
        Assert.Equal(TimeSpan.FromHours(23), clock.Between(Utc(2026, 3, 29, 0, 0), Utc(2026, 3, 29, 23, 0)));
        Assert.Equal(TimeSpan.FromHours(25), clock.Between(Utc(2026, 10, 24, 23, 0), Utc(2026, 10, 26, 0, 0)));
    }

    [Fact]
    [Trait("Requirement", "SLM-07")]
    public void WorkingHoursInTheSpringGap_StartWhenTheGapEnds_AndAmbiguousAutumnHoursUseTheFirst()
    {
        var early = new CalendarPolicy { TimeZone = "Europe/London", Week = [new WorkingHours(DayOfWeek.Sunday, new TimeOnly(1, 30), new TimeOnly(3, 0))] };
        var clock = new SlaClock(early, twentyFourSeven: false);
        // 01:30 local does not exist on 29 March: the period runs 02:00–03:00 BST, 01:00–02:00 UTC.
        Assert.Equal(TimeSpan.FromHours(1), clock.Between(Utc(2026, 3, 28, 0, 0), Utc(2026, 3, 30, 0, 0)));
        // 01:30 local happens twice on 25 October: the first (BST) one counts, 00:30 UTC, to 03:00 GMT: 2.5 hours.
        Assert.Equal(TimeSpan.FromHours(2.5), clock.Between(Utc(2026, 10, 24, 12, 0), Utc(2026, 10, 26, 0, 0)));
        Assert.Equal(Utc(2026, 10, 25, 0, 30), clock.Add(Utc(2026, 10, 24, 12, 0), TimeSpan.FromTicks(1)) - TimeSpan.FromTicks(1));
    }

    [Fact]
    [Trait("Requirement", "SLM-07")]
    public void CalendarInAnotherTimeZone_CountsItsOwnHours()
    {
        var newYork = PolicyDefaults.OfficeHours with { TimeZone = "America/New_York", Holidays = [] };
        var clock = new SlaClock(newYork, twentyFourSeven: false);
        // 10:00 UTC on Monday 2 March is 05:00 in New York: the day starts at 09:00 EST (14:00 UTC).
        Assert.Equal(Utc(2026, 3, 2, 16, 0), clock.Add(Utc(2026, 3, 2, 10, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    [Trait("Requirement", "SLM-06")]
    public void ServiceDays_AreTheCalendarsWorkingDayLength_AndTwentyFourSevenDaysAreFull()
    {
        var office = new SlaClock(London, twentyFourSeven: false);
        Assert.Equal(TimeSpan.FromHours(24), office.Span(new TargetSpan(3, SpanUnit.Days)));
        Assert.Equal(Utc(2026, 3, 5, 10, 0), office.Add(Utc(2026, 3, 2, 10, 0), office.Span(new TargetSpan(3, SpanUnit.Days))));
        var aroundTheClock = new SlaClock(London, twentyFourSeven: true);
        Assert.Equal(Utc(2026, 3, 7, 14, 0), aroundTheClock.Add(Utc(2026, 3, 7, 10, 0), aroundTheClock.Span(new TargetSpan(4, SpanUnit.Hours))));
        Assert.Equal(TimeSpan.FromHours(72), aroundTheClock.Span(new TargetSpan(3, SpanUnit.Days)));
    }
}
