using ItsmChatOps.Api.Policies;

namespace ItsmChatOps.Api.ServiceLevels;

/// <summary>
/// Time arithmetic on a service-hours calendar (SLM-07): adding covered time to an instant and
/// measuring covered time between two instants, in the calendar's time zone, skipping holidays, and
/// right across daylight-saving changes (a local time in a spring-forward gap starts when the gap
/// ends; an ambiguous autumn time is its first occurrence). A 24×7 clock counts every minute.
/// </summary>
public sealed class SlaClock
{
    private const int MaxDaysSearched = 3660;
    private readonly CalendarPolicy _calendar;
    private readonly TimeZoneInfo _zone;
    private readonly bool _twentyFourSeven;

    public SlaClock(CalendarPolicy calendar, bool twentyFourSeven)
    {
        _calendar = calendar;
        _twentyFourSeven = twentyFourSeven;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone);
    }

    /// <summary>The length of a target on this clock (days are service days unless the clock runs 24×7).</summary>
    public TimeSpan Span(TargetSpan target) => target.Unit switch
    {
        SpanUnit.Minutes => TimeSpan.FromMinutes(target.Value),
        SpanUnit.Hours => TimeSpan.FromHours(target.Value),
        SpanUnit.Days => TimeSpan.FromHours(target.Value * (_twentyFourSeven ? 24 : _calendar.ServiceDayHours)),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    /// <summary>The instant when <paramref name="duration"/> of covered time has passed after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return start;
        }

        if (_twentyFourSeven)
        {
            return start + duration;
        }

        var remaining = duration;
        foreach (var (from, to) in CoveredFrom(start))
        {
            var begin = from > start ? from : start;
            if (to <= begin)
            {
                continue;
            }

            if (remaining <= to - begin)
            {
                return begin + remaining;
            }

            remaining -= to - begin;
        }

        throw new InvalidOperationException("The calendar has no service hours within ten years.");
    }

    /// <summary>Covered time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (_twentyFourSeven)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        foreach (var (start, end) in CoveredFrom(from))
        {
            if (start >= to)
            {
                break;
            }

            var begin = start > from ? start : from;
            var finish = end < to ? end : to;
            if (finish > begin)
            {
                total += finish - begin;
            }
        }

        return total;
    }

    /// <summary>Covered intervals in UTC, in order, from the local day containing <paramref name="from"/>.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> CoveredFrom(DateTimeOffset from)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime);
        var holidays = _calendar.Holidays.ToHashSet();
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
        {
            if (holidays.Contains(day))
            {
                continue;
            }

            foreach (var hours in _calendar.Week.Where(w => w.Day == day.DayOfWeek).OrderBy(w => w.Start))
            {
                var start = ToUtc(day.ToDateTime(hours.Start));
                var end = hours.End == TimeOnly.MaxValue ? ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)) : ToUtc(day.ToDateTime(hours.End));
                if (end > start)
                {
                    yield return (start, end);
                }
            }
        }
    }

    private DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
