namespace Prometheus.Engine.Ledger;

/// <summary>What a booked fill did to the agent's position.</summary>
public enum TradeSide
{
    /// <summary>Opened a long position.</summary>
    Buy,
    /// <summary>Reduced or closed a long position.</summary>
    Sell,
    /// <summary>Opened a short position.</summary>
    Short,
    /// <summary>Reduced or closed a short position.</summary>
    Cover,
    /// <summary>Added to a long position.</summary>
    Add,
    /// <summary>Added to a short position.</summary>
    AddShort,
}

public static class TradeSideExtensions
{
    public static bool IsClosing(this TradeSide side) => side is TradeSide.Sell or TradeSide.Cover;

    public static string ToWire(this TradeSide side) => side switch
    {
        TradeSide.Buy => "buy",
        TradeSide.Sell => "sell",
        TradeSide.Short => "short",
        TradeSide.Cover => "cover",
        TradeSide.Add => "add",
        TradeSide.AddShort => "add_short",
        _ => throw new ArgumentOutOfRangeException(nameof(side)),
    };

    public static TradeSide FromWire(string wire) => wire switch
    {
        "buy" => TradeSide.Buy,
        "sell" => TradeSide.Sell,
        "short" => TradeSide.Short,
        "cover" => TradeSide.Cover,
        "add" => TradeSide.Add,
        "add_short" => TradeSide.AddShort,
        _ => throw new FormatException($"'{wire}' is not a trade side."),
    };
}
