// Notebook runs start kernels that use both cores; fixtures run one at a time unless a fixture opts in.
[assembly: Parallelizable(ParallelScope.None)]
