namespace Prometheus.Engine.Agents;

/// <summary>
/// Mood that moves with wins and losses and tilts decisions: stress and fear raise the bar to trade,
/// greed lowers it and enlarges positions, confidence enlarges positions. Each value is in [0, 1].
/// </summary>
public readonly record struct EmotionalState(double Stress, double Confidence, double Fear, double Greed)
{
    public static readonly EmotionalState Calm = new(0.2, 0.5, 0.2, 0.3);

    /// <summary>After a closed trade; <paramref name="returnOnCapital"/> is the net PnL over the agent's capital.</summary>
    public EmotionalState AfterTrade(double returnOnCapital)
    {
        // Bigger results move the mood more, but one trade never swings it by more than a quarter.
        var weight = Math.Clamp(0.05 + Math.Abs(returnOnCapital) * 5, 0.05, 0.25);
        return returnOnCapital > 0
            ? new(Clamp(Stress - weight * 0.5), Clamp(Confidence + weight), Clamp(Fear - weight * 0.5), Clamp(Greed + weight * 0.6))
            : new(Clamp(Stress + weight), Clamp(Confidence - weight * 0.8), Clamp(Fear + weight * 0.8), Clamp(Greed - weight * 0.3));
    }

    /// <summary>Drifts back towards calm as time passes without trades (called once per day of market time).</summary>
    public EmotionalState Decay(double rate = 0.1) =>
        new(Toward(Stress, Calm.Stress, rate), Toward(Confidence, Calm.Confidence, rate),
            Toward(Fear, Calm.Fear, rate), Toward(Greed, Calm.Greed, rate));

    private static double Toward(double value, double target, double rate) => value + (target - value) * rate;

    private static double Clamp(double v) => Math.Clamp(v, 0, 1);
}
