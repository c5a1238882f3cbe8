namespace Ember.Lab.Estimate;

/// <summary>
/// What AWS Lambda would likely report for one cold row (an estimate, never a measurement): Init Duration, the
/// first invocation's Duration and Max Memory Used, and how they were reached (<see cref="Basis"/>).
/// </summary>
/// <param name="InitMs">Estimated Init Duration on AWS.</param>
/// <param name="FirstDurationMs">Estimated Duration of the first invocation on AWS.</param>
/// <param name="MaxMemoryUsedMb">Estimated Max Memory Used on AWS.</param>
/// <param name="Basis"><see cref="AwsEstimateModel.Anchored"/> or <see cref="AwsEstimateModel.ModelOnly"/>.</param>
/// <param name="Anchor">For an anchored estimate, the published runtime it starts from.</param>
internal sealed record AwsEstimate(double InitMs, double FirstDurationMs, double MaxMemoryUsedMb, string Basis, string? Anchor);
