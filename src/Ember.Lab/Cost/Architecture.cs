namespace Ember.Lab.Cost;

/// <summary>The two instruction set architectures Lambda bills at different GB-second prices.</summary>
internal enum Architecture
{
    X86_64,
    Arm64,
}
