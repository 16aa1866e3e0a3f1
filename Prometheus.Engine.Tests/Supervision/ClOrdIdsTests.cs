using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Supervision;

public class ClOrdIdsTests
{
    [Fact]
    public void Ids_name_the_agent_are_alphanumeric_short_and_never_repeat()
    {
        var ids = new ClOrdIds(nextSequence: 999_999_999_990);
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var id = ids.Next(123_456);
            Assert.True(seen.Add(id));
            Assert.InRange(id.Length, 1, 32);
            Assert.All(id, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
            Assert.Equal(123_456, ClOrdIds.AgentOf(id));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("manual123")]
    [InlineData("p12")]
    [InlineData("px5")]
    [InlineData("p12x")]
    [InlineData("p12xab")]
    public void Foreign_ids_name_no_agent(string? id) => Assert.Null(ClOrdIds.AgentOf(id));
}
