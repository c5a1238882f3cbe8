using System.Text;
using Ember.Lab.Payloads;

namespace Ember.Telemetry.Tests;

/// <summary>
/// The contract's parity promise: every implementation gives the golden answer on every edge case,
/// and the same answer as the others on generated payloads of each reference size.
/// </summary>
public sealed class ParityTests(TelemetryImplementations implementations) : IClassFixture<TelemetryImplementations>
{
    public static TheoryData<string, string> EdgeCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in Directory.EnumerateFiles(RepositoryPaths.EdgeCases, "*.event.json").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file)[..^".event.json".Length];
            foreach (string language in TelemetryImplementations.Languages)
            {
                data.Add(name, language);
            }
        }
        return data;
    }

    public static TheoryData<int> ReferenceSizes() => new(PayloadGenerator.ReferenceSizes);

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Handle_EdgeCase_MatchesGoldenAnswer(string edgeCase, string language)
    {
        // Given
        byte[] functionUrlEvent = File.ReadAllBytes(Path.Combine(RepositoryPaths.EdgeCases, edgeCase + ".event.json"));
        string golden = File.ReadAllText(Path.Combine(RepositoryPaths.EdgeCases, edgeCase + ".expected"), Encoding.UTF8).TrimEnd('\n');

        // When
        string answer = implementations.Answer(language, functionUrlEvent);

        // Then
        Assert.Equal(golden, answer);
    }

    [Theory]
    [MemberData(nameof(ReferenceSizes))]
    public void Handle_GeneratedPayload_AllLanguagesAgree(int events)
    {
        // Given
        byte[] functionUrlEvent = PayloadGenerator.ToFunctionUrlEvent(new PayloadGenerator(seed: 7).Generate(events));

        // When
        string csharp = implementations.Answer("csharp", functionUrlEvent);
        string go = implementations.Answer("go", functionUrlEvent);
        string python = implementations.Answer("python", functionUrlEvent);

        // Then
        Assert.StartsWith($"200\n{{\"total_events\":{events},", csharp);
        Assert.Equal(csharp, go);
        Assert.Equal(csharp, python);
    }

    [Fact]
    public void EdgeCases_EveryEventHasAGoldenAnswer()
    {
        string[] events = Directory.GetFiles(RepositoryPaths.EdgeCases, "*.event.json");
        string[] expected = Directory.GetFiles(RepositoryPaths.EdgeCases, "*.expected");

        Assert.True(events.Length >= 70, $"only {events.Length} edge cases");
        Assert.Equal(events.Length, expected.Length);
    }
}
