// 01-what-is-a-network — generated from notebooks/01-what-is-a-network.ipynb by `dotnet run --project lib/NetCourse.Course -- export`.
// Do not edit: edit the notebook and export again. Run it from the repository root with:
//   dotnet run notebooks/run/01-what-is-a-network.cs
// Tables print as text; charts and drawings are written as HTML files to notebooks/run/out/.
#:project ../../lib/NetCourse/NetCourse.csproj
#:property PublishAot=false

using System.Collections;
using System.Text;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using NetCourse;

// # 01 · What is a network
//
// **You will be able to**
// - describe a network as a graph of *nodes* (hosts, routers, switches) joined by *links*;
// - explain why a network is a platform: its job is to move information between any two nodes;
// - build random, small-world and preferential-attachment graphs and compare their statistics and degree distributions;
// - say what *small-world* and *scale-free* mean, and where those ideas come from.

// (setup cell: the library is referenced by the #:project line above)
ConsoleDisplay.Start("01-what-is-a-network");
static void display(object? value) => ConsoleDisplay.Show(value);

// ## Nodes and links
//
// Strip a network down and two things are left: **nodes** — anything that sends, receives or forwards
// data — and **links** — anything that carries it between two nodes (a cable, a radio channel, a fibre).
// Mathematicians call that a *graph*. The number of links a node has is its **degree**.
//
// The network itself does not care *what* it carries. It is a platform: web pages, video calls and
// database queries all ride on the same nodes and links. What matters is that information can get from
// any node to any other, usually over several hops.
//
// Here is a tiny network of five nodes: node 0 is a router linked to the four hosts 1–4, and hosts 1 and 2
// also have a direct link of their own.

// ---- cell 3 ----
var star = new Graph("four hosts around one router", 5);
foreach (var host in new[] { 1, 2, 3, 4 }) star.Link(0, host);
star.Link(1, 2);
display(star);

// ---- cell 4 ----
display(star.DegreeTable());

// ## Three ways a network can grow
//
// Real networks are not designed all at once; they grow. Three simple models give very different shapes:
//
// - **Random** (Erdős–Rényi, *G(n, p)*): every pair of nodes is linked with the same probability *p*.
//   Degrees cluster around the mean; a node with ten times the average degree practically never appears.
// - **Preferential attachment** (Barabási–Albert): nodes arrive one by one and link to existing nodes
//   with probability proportional to how many links those already have — "the rich get richer".
//   A few **hubs** end up with a huge degree.
// - **Small world** (Watts–Strogatz): start from a ring where every node is linked to its *k* nearest
//   neighbours (a *ring lattice*), then move the far end of each link to a random node with probability *p*.
//   With *p* = 0 it stays a lattice; a few moved links become shortcuts across the ring.
//
// All four graphs below have 2,000 nodes and about the same number of links: a random graph, a
// preferential-attachment graph, a ring lattice and the same lattice with one link in ten rewired. Each
// is built from a seeded random generator, so every run gives the same graph. (`RandomGraph.WithLinkCount`
// builds the *G(n, m)* variant, with an exact number of links placed at random.)

// ---- cell 6 ----
var random = RandomGraph.WithProbability(nodes: 2000, p: 0.003, seed: 7);
var growing = PreferentialAttachmentGraph.Grow(nodes: 2000, m: 3, seed: 7);
var lattice = SmallWorldGraph.Rewire(nodes: 2000, k: 6, p: 0, seed: 7);
var smallWorld = SmallWorldGraph.Rewire(nodes: 2000, k: 6, p: 0.1, seed: 7);
display(Graph.Compare(random, growing, lattice, smallWorld));

// All four have about the same number of links and so the same mean degree, yet the largest degree of
// the preferential-attachment graph is several times the others'. *Clustering* is, for each node with two
// or more neighbours, the fraction of pairs of its neighbours that are linked to each other, averaged over
// those nodes; *avg hops* is the mean shortest-path length, measured by breadth-first search (the caption
// says from which nodes).
//
// On ordinary axes the random graph's degrees form a hump around the mean (about 6), while the
// preferential-attachment graph has many nodes of degree 3 and a thin tail stretching far to the right:

// ---- cell 8 ----
display(DegreeDistribution.Chart(random, growing));

// The tail is hard to read that way: past a degree of about 30 most degrees are held by one node each,
// so the points sit on the floor 1/2000 whatever the law behind them. The chart below plots instead the
// fraction of nodes with degree **at least** *k*, *P*(*K* ≥ *k*), on log-log axes. If the fraction with
// degree *k* falls like a *power law* *k*<sup>−γ</sup>, this fraction falls like *k*<sup>−(γ−1)</sup>: a straight
// line. The preferential-attachment graph gives one (Barabási and Albert predict γ = 3, so a slope of −2)
// that runs out to its largest hub; the random graph's curve bends down and drops off steeply after the mean.

// ---- cell 10 ----
display(DegreeDistribution.CumulativeChart(random, growing));

// ## Small worlds and scale-free networks
//
// - **Small-world**: most pairs of nodes are only a few hops apart, as in a random graph, while
//   neighbours still tend to know each other, as in a lattice. Duncan Watts and Steven Strogatz described
//   this in *Nature* (1998), "Collective dynamics of 'small-world' networks". Compare the last two rows
//   above: rewiring one link in ten cuts the ring lattice's avg hops from well over a hundred to
//   within a few hops of the random graph's, while its clustering stays close to the lattice's — over a
//   hundred times the random graph's, and far above the preferential-attachment graph's.
// - **Scale-free**: the degree distribution follows a power law, so there is no "typical" degree.
//   Albert-László Barabási and Réka Albert showed in *Science* (1999) that growth plus preferential
//   attachment produces it ("Emergence of scaling in random networks"); the web's link graph looks like this, and so does the
//   Internet's graph of autonomous systems (Faloutsos, Faloutsos & Faloutsos, SIGCOMM 1999).
//
// Hubs are why such networks are robust to random failures (most nodes are unimportant) yet fragile
// when a hub fails.
//
// ## Check your understanding
//
// 1. In the star network above, what is the degree of node 0? What happens to hosts 3 and 4 if node 0 fails?
// 2. Why does preferential attachment produce hubs while the random model does not?
// 3. The large graphs all have about 6,000 links. Why is the preferential-attachment graph's largest degree so different?
// 4. Why do a few rewired links shorten paths so much, yet barely change clustering?
//
// ## Exercise 01.1 — Degree of every node (2 points)
//
// Write `Degrees(links)`: given a list of links as `(int A, int B)` pairs between nodes `0..n-1`,
// return an array whose element *i* is the degree of node *i*. The array is as long as the largest node
// number plus one. Ignore a link that repeats an earlier one (in either direction) and links from a node
// to itself. Do not use the `Graph` class.

// ---- cell 12 (solution 01.1) ----
int[] Degrees((int A, int B)[] links)
{
    // BEGIN SOLUTION: Keep a set of links already seen (store each as (min, max)), then count both ends of each new one.
    var size = links.Length == 0 ? 0 : links.Max(l => Math.Max(l.A, l.B)) + 1;
    var degrees = new int[size];
    var seen = new HashSet<(int, int)>();
    foreach (var (a, b) in links)
    {
        if (a != b && seen.Add((Math.Min(a, b), Math.Max(a, b))))
        {
            degrees[a]++;
            degrees[b]++;
        }
    }
    return degrees;
    // END SOLUTION
}

// ---- cell 13 (check 01.1) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("01.1", "Degree of every node", 2), Degrees,
    (new[] { (0, 1), (0, 2), (0, 3) }, new[] { 3, 1, 1, 1 }),
    (new[] { (0, 1), (1, 0), (2, 2) }, new[] { 1, 1, 0 }),
    (new[] { (1, 3) }, new[] { 0, 1, 0, 1 })));

// ## Exercise 01.2 — Hops from one node (3 points)
//
// Write `Hops((links, start))`: return an array whose element *i* is the smallest number of links on a path
// from `start` to node *i* (0 for `start` itself, −1 when node *i* cannot be reached). As in 01.1 the array is
// as long as the largest node number in the links plus one (and at least `start + 1`). Links work in both
// directions. Use breadth-first search: visit the start's neighbours first, then theirs, and so on. Do not use
// the `Graph` class.

// ---- cell 15 (solution 01.2) ----
int[] Hops(((int A, int B)[] Links, int Start) input)
{
    // BEGIN SOLUTION: Build a neighbour list per node, fill distances with -1, set distance[start] = 0, then take nodes from a Queue and give each unvisited neighbour distance + 1.
    var (links, start) = input;
    var size = Math.Max(start + 1, links.Length == 0 ? 0 : links.Max(l => Math.Max(l.A, l.B)) + 1);
    var neighbours = Enumerable.Range(0, size).Select(_ => new List<int>()).ToArray();
    foreach (var (a, b) in links) { neighbours[a].Add(b); neighbours[b].Add(a); }
    var distance = Enumerable.Repeat(-1, size).ToArray();
    distance[start] = 0;
    var queue = new Queue<int>([start]);
    while (queue.TryDequeue(out var node))
        foreach (var next in neighbours[node].Where(n => distance[n] < 0))
        {
            distance[next] = distance[node] + 1;
            queue.Enqueue(next);
        }
    return distance;
    // END SOLUTION
}

// ---- cell 16 (check 01.2) ----
display(global::NetCourse.Grader.Check(new global::NetCourse.Exercise("01.2", "Hops from one node", 3), Hops,
    ((new[] { (0, 1), (0, 2), (3, 4) }, 1), new[] { 1, 0, 2, -1, -1 }),
    ((new[] { (0, 1), (0, 2), (2, 3), (3, 4), (1, 4) }, 0), new[] { 0, 1, 1, 2, 2 }),
    ((new[] { (0, 1) }, 3), new[] { -1, -1, -1, 0 })));

// ## Summary
//
// - A network is a graph: nodes joined by links; a node's degree is its number of links.
// - Its purpose is to move information between any pair of nodes, usually over several hops.
// - Random graphs have degrees close to the mean; growth with preferential attachment makes hubs and a
//   power-law (scale-free) degree distribution.
// - Small-world: paths nearly as short as a random graph's with clustering far higher — a lattice plus a few
//   shortcuts (Watts & Strogatz, 1998). Scale-free: Barabási & Albert, 1999.
//
// [← 00 Start here](00-start-here.ipynb) · [02 Standards and layer models →](02-standards-and-layer-models.ipynb)
