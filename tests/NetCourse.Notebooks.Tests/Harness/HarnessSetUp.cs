using NetCourse.Course;

namespace NetCourse.Notebooks.Tests.Harness;

/// <summary>
/// Restores the kernel tool and builds the library before the harness tests, so that a first build (a minute on a busy
/// machine) is not charged to the first test's own time limit.
/// </summary>
[SetUpFixture]
public class HarnessSetUp
{
    [OneTimeSetUp]
    public Task PrepareTheCheckout() => CoursePreparation.EnsureReadyAsync(CourseNotebooks.Paths);
}
