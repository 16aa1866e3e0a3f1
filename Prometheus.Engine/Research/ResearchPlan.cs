using Prometheus.Engine.Backtest;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Research;

/// <summary>One walk-forward window: trained on [TrainFrom, TrainTo), traded on [TestFrom, TestTo); times in Unix ms.</summary>
public readonly record struct WalkForwardWindow(long TrainFrom, long TrainTo, long TestFrom, long TestTo);

/// <summary>
/// Where every window, the warm-up and the holdout fall, worked out from the data's extent alone (the holdout's bars are
/// not read to plan it). Boundaries fall on UTC midnights; every bad combination is refused before anything runs, with a
/// message that says what does not fit.
/// </summary>
public sealed class ResearchPlan
{
    private const long DayMs = 86_400_000;

    /// <summary>The fewest days a window's population may be trained on.</summary>
    public const int MinTrainDays = 7;

    private ResearchPlan(long dataFrom, long tradableFrom, long holdoutFrom, long dataEnd, int warmupBars, int testDays,
        IReadOnlyList<WalkForwardWindow> windows)
    {
        DataFrom = dataFrom;
        TradableFrom = tradableFrom;
        HoldoutFrom = holdoutFrom;
        DataEnd = dataEnd;
        WarmupBars = warmupBars;
        TestDays = testDays;
        Windows = windows;
    }

    public long DataFrom { get; }
    /// <summary>The first bar after the warm-up at the start of the data: where anchored training begins.</summary>
    public long TradableFrom { get; }
    /// <summary>Where the holdout begins (= <see cref="DataEnd"/> when there is none).</summary>
    public long HoldoutFrom { get; }
    public long DataEnd { get; }
    public int WarmupBars { get; }
    public int TestDays { get; }
    public IReadOnlyList<WalkForwardWindow> Windows { get; }
    public bool HasHoldout => HoldoutFrom < DataEnd;

    /// <summary>The holdout as a window trained like the last test window would be, on everything before the holdout.</summary>
    public WalkForwardWindow HoldoutWindow(int? trainDays) =>
        new(trainDays is { } days ? HoldoutFrom - days * DayMs : TradableFrom, HoldoutFrom, HoldoutFrom, DataEnd);

    /// <summary>
    /// Plans the windows. <paramref name="warmupBars"/> is how many bars the indicators need (counted on the data's first
    /// bars); each window's test run warms up on as many bars before it.
    /// </summary>
    /// <exception cref="BacktestInputException">The settings cannot be laid out on this data.</exception>
    public static ResearchPlan Create(ResearchSettings settings, long dataFrom, long dataEnd, long intervalMs, int warmupBars)
    {
        if (settings.Seeds < 1) throw new BacktestInputException($"--seeds must be at least 1 (was {settings.Seeds})");
        if (settings.Agents < 1) throw new BacktestInputException($"--agents must be at least 1 (was {settings.Agents})");
        if (settings.Windows < 1) throw new BacktestInputException($"--windows must be at least 1 (was {settings.Windows})");
        if (settings.HoldoutDays < 0) throw new BacktestInputException($"--holdout-days cannot be negative (was {settings.HoldoutDays})");
        if (settings.TestDays is < 1) throw new BacktestInputException($"--test-days must be at least 1 (was {settings.TestDays})");
        if (settings.TrainDays is { } train && train < MinTrainDays)
            throw new BacktestInputException($"--train-days must be at least {MinTrainDays} (was {train})");
        if (settings.Parallel is < 1) throw new BacktestInputException($"--parallel must be at least 1 (was {settings.Parallel})");

        var dataDays = (dataEnd - dataFrom) / (double)DayMs;
        if (settings.HoldoutDays >= dataDays)
            throw new BacktestInputException($"--holdout-days {settings.HoldoutDays} is not shorter than the data ({dataDays:0.#} days)");
        if (settings.Final && settings.HoldoutDays == 0)
            throw new BacktestInputException("--final trades the holdout once, but --holdout-days is 0: there is no holdout");

        var holdoutFrom = settings.HoldoutDays == 0 ? dataEnd : FloorDay(dataEnd - settings.HoldoutDays * DayMs);
        var tradableFrom = dataFrom + warmupBars * intervalMs;
        // Walk-forward windows start at midnights: the first full day after the warm-up is where training may start.
        var firstDay = CeilDay(tradableFrom);
        // The windows end at the holdout, or without one at the data's last midnight.
        var windowsEnd = FloorDay(holdoutFrom);
        var available = (int)((windowsEnd - firstDay) / DayMs);
        var trainDays = settings.TrainDays;
        var testDays = settings.TestDays
            ?? (trainDays is { } rolling ? (available - rolling) / settings.Windows : available / (settings.Windows + 1));
        var firstTest = windowsEnd - (long)settings.Windows * testDays * DayMs;
        var trainStart = trainDays is { } days ? firstTest - days * DayMs : tradableFrom;
        var trainedDays = (firstTest - Math.Max(trainStart, tradableFrom)) / (double)DayMs;
        if (testDays < 1 || trainStart < tradableFrom || trainedDays < MinTrainDays)
        {
            var need = settings.Windows * Math.Max(testDays, 1) + (trainDays ?? MinTrainDays);
            throw new BacktestInputException(
                $"{settings.Windows} test window(s) of {Math.Max(testDays, 1)} day(s) with {(trainDays is { } t ? $"{t} days of rolling training" : $"at least {MinTrainDays} days of anchored training")} "
                + $"need {need} days before the holdout, after the indicators' warm-up ({warmupBars} bars); the data has {available} "
                + "(use fewer or shorter windows, a shorter holdout, or more data)");
        }

        var windows = new WalkForwardWindow[settings.Windows];
        for (var k = 0; k < windows.Length; k++)
        {
            var testFrom = firstTest + (long)k * testDays * DayMs;
            var trainFrom = trainDays is { } d ? testFrom - d * DayMs : tradableFrom;
            windows[k] = new WalkForwardWindow(trainFrom, testFrom, testFrom, testFrom + testDays * DayMs);
        }
        return new ResearchPlan(dataFrom, tradableFrom, holdoutFrom, dataEnd, warmupBars, testDays, windows);
    }

    private static long FloorDay(long ms) => ms / DayMs * DayMs;
    private static long CeilDay(long ms) => (ms + DayMs - 1) / DayMs * DayMs;
}
