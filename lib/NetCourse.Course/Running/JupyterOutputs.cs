using System.Text.Json.Nodes;
using NetCourse.Course.Kernels;
using NetCourse.Course.Notebooks;

namespace NetCourse.Course.Running;

/// <summary>Converts a cell's outcome to Jupyter's output list (execute_result, display_data, stream, error).</summary>
internal static class JupyterOutputs
{
    public static JsonArray From(CellOutcome outcome, int executionCount)
    {
        var outputs = new JsonArray();
        foreach (var output in outcome.Outputs)
        {
            outputs.Add(output.Kind switch
            {
                CellOutputKinds.StandardOutput or CellOutputKinds.StandardError => new JsonObject
                {
                    ["output_type"] = "stream",
                    ["name"] = output.Kind,
                    ["text"] = NotebookCell.SourceLines(output["text/plain"] ?? ""),
                },
                CellOutputKinds.Return => new JsonObject
                {
                    ["output_type"] = "execute_result",
                    ["execution_count"] = executionCount,
                    ["data"] = Data(output),
                    ["metadata"] = new JsonObject(),
                },
                _ => new JsonObject
                {
                    ["output_type"] = "display_data",
                    ["data"] = Data(output),
                    ["metadata"] = new JsonObject(),
                },
            });
        }

        if (outcome.Status != CellStatus.Succeeded)
        {
            outputs.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = outcome.Status.ToString(),
                ["evalue"] = outcome.Error ?? "",
                ["traceback"] = new JsonArray(outcome.Error ?? outcome.Status.ToString()),
            });
        }

        return outputs;
    }

    private static JsonObject Data(CellOutput output)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in output.Values)
        {
            data[mime] = NotebookCell.SourceLines(value);
        }

        return data;
    }
}
