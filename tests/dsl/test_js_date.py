"""dsl.base.js_date and dsl.base.js_date_parse against JavaScript: every expected value below is
what node 20 (V8, the engine Squiggle 0.10 runs on) printed with TZ=UTC for
``new Date(s).getTime()``, ``new Date(t).toDateString()`` / ``.toISOString()`` and
``new Date(y, m, d).getTime()`` (None: an Invalid Date)."""
from __future__ import annotations

import math

import pytest

from dsl.base.js_date import civil, from_fields, make_day, time_clip, to_date_string, to_iso_string
from dsl.base.js_date_parse import parse

PARSED = [
    ('2020-05-12', 1589241600000),
    ('2020-05-12T10:30', 1589279400000),
    ('2020-05-12T10:30:00Z', 1589279400000),
    ('2020-05-12T10:30:00+02:00', 1589272200000),
    ('2020', 1577836800000),
    ('2020-05', 1588291200000),
    ('+002020-05-12', 1589241600000),
    ('-000000-01-01', 978307200000),
    ('-000001-01-01', -62198755200000),
    ('Tue May 12 2020', 1589241600000),
    ('12 May 2020', 1589241600000),
    ('May 12, 2020', 1589241600000),
    ('2020-5-12', 1589241600000),
    ('5/12/2020', 1589241600000),
    ('2020-05-12 10:30', 1589279400000),
    ('2020-02-30', 1583020800000),
    ('', None),
    ('nonsense', None),
    ('2020-13-01', None),
    ('2020-05-32', None),
    ('2020/05/12', 1589241600000),
    ('May 12', 989625600000),
    ('12/31/99', 946598400000),
    ('1/2/49', 2493158400000),
    ('1/2/50', -631065600000),
    ('2020-05-12T24:00', 1589328000000),
    ('2020-05-12T24:01', None),
    ('2020-05-12T10:30:15.5Z', 1589279415500),
    ('2020-05-12T10:30:15.123456Z', 1589279415123),
    ('2020-05-12T10:30+0530', 1589259600000),
    ('2020-05-12T10:30:00.000-0800', 1589308200000),
    ('Jan 1 2024 10:00 PM', 1704146400000),
    ('Jan 1 2024 12:00 AM', 1704067200000),
    ('Jan 1 2024 13:00 PM', None),
    ('Tue, 12 May 2020 10:30:00 GMT', 1589279400000),
    ('Tue, 12 May 2020 10:30:00 GMT+0200', 1589272200000),
    ('Tue May 12 2020 10:30:00 GMT-0700 (Pacific Daylight Time)', 1589304600000),
    ('May 12 2020 10:30 EST', 1589297400000),
    ('May 12 2020 10:30 PDT', 1589304600000),
    ('12.05.2020', 1607126400000),
    ('2020.05.12', 1589241600000),
    ('10:30 May 12 2020', 1589279400000),
    ('May 2020', 1588291200000),
    ('2020 May 12', 1589241600000),
    ('2020 12 May', 1589241600000),
    ('Sept 5 2021', 1630800000000),
    ('September 5, 2021', 1630800000000),
    ('5 sept 2021', 1630800000000),
    ('2021-09-05T10:30:00z', 1630837800000),
    ('2021-09-05t10:30:00Z', 1630837800000),
    ('x2021', None),
    ('abc 2021', 1609459200000),
    ('Monday 2021', 1609459200000),
    ('2021 Monday', None),
    ('2021-09-05T10', None),
    ('2021-09-05T10:3', None),
    ('1e3', None),
    ('  2021-09-05  ', 1630800000000),
    ('2021-09-05 ', 1630800000000),
    ('(comment) May 5 2021', 1620172800000),
    ('May 5 2021 (comment', 1620172800000),
    ('May 5 (x) 2021', 1620172800000),
    ('May 5 2021)', None),
    ('May 5 2021 +', None),
    ('May 5 2021 10:00 +5', 1620190800000),
    ('May 5 2021 10:00 +05:30', 1620189000000),
    ('May 5 2021 10:00 +12345', None),
    ('May 5 2021 UTC+3', 1620162000000),
    ('May 5 2021 Z', 1620172800000),
    ('0', 946684800000),
    ('1', 978307200000),
    ('12', 1007164800000),
    ('123', -58285699200000),
    ('1234', -23225875200000),
    ('12345', 327403382400000),
    ('2021-9', 1630454400000),
    ('99-01-01', 915148800000),
    ('0099-01-01', -59042995200000),
    ('275760-09-13', 8640000000000000),
    ('+275760-09-13T00:00:00.000Z', 8640000000000000),
    ('+275760-09-13T00:00:00.001Z', None),
    ('-271821-04-20T00:00:00.000Z', -8640000000000000),
    ('-271821-04-19T23:59:59.999Z', None),
    ('2021-02-29', 1614556800000),
    ('2021-04-31', 1619827200000),
    ('10:30', None),
    ('May 5 2021 10::', 1620208800000),
    ('May 5 2021 10:30:45.1', 1620210645100),
    ('May 5 2021 10:30:45.', None),
    ('May 5 2021 10.30', None),
    ('5 May 2021 10:30 am', 1620210600000),
    ('5 May 2021 10 pm', None),
    ('5 May 2021 pm', None),
    ('2021-05-05T10:30:00.000Z extra', None),
    ('2021-05-05Textra', None),
    ('2021-05-05T', None),
    ('Jan 5 2021 10:30:61', 1609842600000),
    ('Jan 5 2021 25:00', None),
    ('1/2/3/4', None),
    ('2021 - 05 - 05', None),
    ('2021/5/5 GMT+01:00', 1620169200000),
    ('T10:30', None),
]

PRINTED = [
    (0, 'Thu Jan 01 1970', '1970-01-01T00:00:00.000Z'),
    (-1, 'Wed Dec 31 1969', '1969-12-31T23:59:59.999Z'),
    (1, 'Thu Jan 01 1970', '1970-01-01T00:00:00.001Z'),
    (8640000000000000.0, 'Sat Sep 13 275760', '+275760-09-13T00:00:00.000Z'),
    (-8640000000000000.0, 'Tue Apr 20 -271821', '-271821-04-20T00:00:00.000Z'),
    (-62198755200000, 'Fri Jan 01 -0001', '-000001-01-01T00:00:00.000Z'),
    (-62135596800000, 'Mon Jan 01 0001', '0001-01-01T00:00:00.000Z'),
    (253402300799999, 'Fri Dec 31 9999', '9999-12-31T23:59:59.999Z'),
    (253402300800000, 'Sat Jan 01 10000', '+010000-01-01T00:00:00.000Z'),
    (1893456000000, 'Tue Jan 01 2030', '2030-01-01T00:00:00.000Z'),
    (-58995680400000, 'Fri Jul 02 0100', '0100-07-02T15:00:00.000Z'),
    (1613865629102581, 'Mon May 15 53111', '+053111-05-15T08:05:02.581Z'),
    (5812323777604319, 'Mon Mar 17 186155', '+186155-03-17T22:40:04.319Z'),
    (-7503166121002044, 'Sat Feb 18 -235796', '-235796-02-18T12:36:37.956Z'),
    (-6515768209427396, 'Tue Jul 11 -204507', '-204507-07-11T02:16:12.604Z'),
    (5068279311291771, 'Sun May 18 162577', '+162577-05-18T04:14:51.771Z'),
    (-132784547571549, 'Tue Mar 23 -2238', '-002238-03-23T19:27:08.451Z'),
    (-1801460078425061, 'Sat Jan 01 -55116', '-055116-01-01T14:39:34.939Z'),
    (-4857788282059242, 'Mon Oct 25 -151968', '-151968-10-25T14:05:40.758Z'),
    (148444088577676, 'Fri Jan 02 6674', '6674-01-02T21:02:57.676Z'),
    (7452568269997992, 'Fri Jun 27 238132', '+238132-06-27T04:46:37.992Z'),
    (-1617827960671310, 'Wed Jan 28 -49297', '-049297-01-28T08:15:28.690Z'),
    (2302629341155974, 'Sun Jun 02 74937', '+074937-06-02T13:25:55.974Z'),
    (5179885182568837, 'Wed Jan 10 166114', '+166114-01-10T19:09:28.837Z'),
]

FIELDS = [
    ([2020, 4, 10], 1589068800000),
    ([50, 0, 1], -631152000000),
    ([2020, 1, 31], 1583107200000),
    ([2020, 0.5, 1.7], 1577836800000),
    ([-5, 0, 1], -62324985600000),
    ([100, 0, 1], -59011459200000),
    ([99, 11, 31], 946598400000),
    ([0, 0, 1], -2208988800000),
    ([2020.7, 0, 1], 1577836800000),
    ([300000, 0, 1], None),
    ([275760, 8, 13], 8640000000000000),
    ([275760, 8, 14], None),
    ([2020, -1, 1], 1575158400000),
    ([2020, 13, 1], 1612137600000),
    ([2020, 0, -400], 1543190400000),
    ([10000000.0, 0, 1], None),
    ([-271821, 3, 20], -8640000000000000),
    ([-271821, 3, 19], None),
]


@pytest.mark.parametrize("text, expected", PARSED)
def test_parse_agrees_with_v8(text, expected):
    got = parse(text)
    assert (None if math.isnan(got) else got) == expected


@pytest.mark.parametrize("ms, date_string, iso", PRINTED)
def test_printing_agrees_with_javascript(ms, date_string, iso):
    t = time_clip(float(ms))
    assert to_date_string(t) == date_string
    assert (None if math.isnan(t) else to_iso_string(t)) == iso


@pytest.mark.parametrize("fields, expected", FIELDS)
def test_new_date_of_fields_agrees_with_javascript(fields, expected):
    got = from_fields(*map(float, fields))
    assert (None if math.isnan(got) else got) == expected


def test_days_and_civil_dates_round_trip_over_the_whole_range():
    # every 997th day from -100,000,000 to 100,000,000 (TimeClip's range), and the
    # days around the Gregorian corner cases
    days = list(range(-100_000_000, 100_000_001, 997_331)) + list(range(-800, 800)) + [
        make_day(2000, 1, 29), make_day(1900, 1, 28), make_day(2100, 1, 28)]
    for day in days:
        year, month0, date, *_ = civil(day * 86_400_000)
        assert make_day(year, month0, date) == day


def test_time_clip_cuts_toward_zero_and_refuses_the_far_future():
    assert time_clip(1.9) == 1.0 and time_clip(-1.9) == -1.0
    assert time_clip(8.64e15) == 8.64e15 and math.isnan(time_clip(8.64e15 + 1))
    assert math.isnan(time_clip(math.inf)) and math.isnan(time_clip(math.nan))


def test_the_calendar_agrees_with_pythons_datetime():
    # Python's proleptic Gregorian calendar as an independent check (from the year 100:
    # new Date(y, m, d) takes years 0-99 for 1900-1999)
    import datetime
    import random
    rng = random.Random(17)
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    for _ in range(2000):
        when = datetime.datetime(rng.randint(100, 9999), rng.randint(1, 12), rng.randint(1, 28),
                                 rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                                 rng.randint(0, 999) * 1000, tzinfo=datetime.timezone.utc)
        ms = (when - epoch) // datetime.timedelta(milliseconds=1)
        assert from_fields(when.year, when.month - 1, when.day, when.hour, when.minute,
                           when.second, when.microsecond // 1000) == ms
        iso = f"{when.year:04d}-" + when.strftime("%m-%dT%H:%M:%S.") + \
            f"{when.microsecond // 1000:03d}Z"
        assert to_iso_string(ms) == iso and parse(iso) == ms
        assert to_date_string(ms) == when.strftime("%a %b %d ") + f"{when.year:04d}"
