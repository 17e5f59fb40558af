using NetCourse.Course;

namespace NetCourse.Notebooks.Tests.Harness;

/// <summary>
/// Restores the kernel tool before the harness tests, so that a first restore is not charged to the first test's own
/// time limit. The fixture notebooks do not load the course library, so it is not built here.
/// </summary>
[SetUpFixture]
public class HarnessSetUp
{
    [OneTimeSetUp]
    public Task PrepareTheCheckout() => CoursePreparation.EnsureKernelAsync(CourseNotebooks.Paths);
}
