namespace Prometheus.Engine.Agents;

/// <summary>Names from the myths; the id keeps them unique.</summary>
public static class AgentNames
{
    private static readonly string[] Names =
    [
        "Atlas", "Hyperion", "Themis", "Rhea", "Coeus", "Phoebe", "Tethys", "Oceanus", "Crius", "Mnemosyne",
        "Iapetus", "Theia", "Epimetheus", "Menoetius", "Asteria", "Leto", "Perses", "Pallas", "Eos", "Helios",
    ];

    public static string For(int id) => $"{Names[id % Names.Length]}-{id}";
}
