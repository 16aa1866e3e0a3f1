using Prometheus.Engine.Backtest;
using Prometheus.Engine.Research;

namespace Prometheus.Web.Reports;

/// <summary>What a report file is: "backtest", "research", or "unreadable" (with the reason).</summary>
public static class ReportKind
{
    public const string Backtest = "backtest";
    public const string Research = "research";
    public const string Unreadable = "unreadable";
}

/// <summary>One file of the reports folder as read: its kind and its report, or why it could not be read.</summary>
public sealed record ReportDocument(
    string Name,
    string Kind,
    DateTimeOffset WrittenAt,
    long SizeBytes,
    string? Reason,
    BacktestReport? Backtest,
    ResearchReport? Research,
    string? Json);
