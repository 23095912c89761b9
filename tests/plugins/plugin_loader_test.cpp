// The plugin loader (registry/src/plugin_loader.cpp) and --plugin in the CLI: loading a good
// plugin and running its policies with hand-computed schedules, every bad plugin's one
// error line (exit code 2, never a crash), and a policy that throws inside a callback.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <schedlab/errors.hpp>
#include <schedlab/plugin.hpp>

#include "plugin_test_support.hpp"

namespace schedlab::test {
namespace {

std::string plugin_error(const std::string& command, const std::string& path, const std::string& what) {
  return "schedlab " + command + ": error: plugin '" + path + "': " + what + "\n";
}

// Load `path` into a registry holding the built-ins; return the InputError's message.
std::string load_error(const std::string& path) {
  PolicyRegistry r;
  register_builtin_policies(r);
  const std::size_t before = r.all().size();
  try {
    load_plugin(path, r);
  } catch (const InputError& e) {
    EXPECT_EQ(r.all().size(), before) << "a failed load must register nothing";
    return e.what();
  }
  ADD_FAILURE() << "loading " << path << " did not fail";
  return "";
}

// Three tasks arriving one tick apart, on one CPU.
const char* kThree = R"(
processes:
  - {name: A, burst: 3}
  - {name: B, arrival: 1, burst: 2}
  - {name: C, arrival: 2, burst: 2}
)";

// ---- the good plugin ---------------------------------------------------------------------

TEST(PluginLoader, LoadsTheGoodPluginAndReportsItsPolicies) {
  PolicyRegistry r;
  register_builtin_policies(r);
  const std::size_t builtins = r.all().size();
  const LoadedPlugin p = load_plugin(kGoodPlugin, r);
  EXPECT_EQ(p.path, kGoodPlugin);
  EXPECT_EQ(p.name, "good-test-plugin");
  EXPECT_EQ(p.policies, (std::vector<std::string>{"lifo", "every-nth"}));
  ASSERT_EQ(r.all().size(), builtins + 2);
  EXPECT_EQ(r.all()[builtins].name, "lifo");
  EXPECT_EQ(r.all()[builtins + 1].name, "every-nth");
  EXPECT_EQ(r.resolve("every-nth").canonical, "every-nth:quantum=3");
}

TEST(PluginLoader, LifoPolicyRunsTheNewestFirst) {
  // A runs 0-3 (non-preemptive). B (1) and C (2) wait; last in, first out: C 3-5, B 5-7.
  const Outcome o = run_with(registry_with(kGoodPlugin), kThree, "lifo");
  EXPECT_EQ(o.gantt(true), (std::vector<std::string>{"A@0:0-3(exited)", "C@0:3-5(exited)", "B@0:5-7(exited)"}));
  EXPECT_EQ(o.process("B").waiting, 4);
  EXPECT_EQ(o.process("C").waiting, 1);
}

TEST(PluginLoader, ParametersReachThePluginFactory) {
  const PolicyRegistry r = registry_with(kGoodPlugin);
  const char* two = R"(
processes:
  - {name: A, burst: 5}
  - {name: B, burst: 3}
)";
  // quantum 2: A 0-2, B 2-4, A 4-6, B 6-7 (done), A 7-8 (done).
  EXPECT_EQ(run_with(r, two, "every-nth:quantum=2").gantt(),
            (std::vector<std::string>{"A@0:0-2", "B@0:2-4", "A@0:4-6", "B@0:6-7", "A@0:7-8"}));
  // The default, 3: A 0-3, B 3-6 (done), A 6-8 (done).
  EXPECT_EQ(run_with(r, two, "every-nth").gantt(), (std::vector<std::string>{"A@0:0-3", "B@0:3-6", "A@0:6-8"}));
  // The declared range is enforced before any run.
  try {
    (void)r.resolve("every-nth:quantum=0");
    ADD_FAILURE() << "quantum=0 accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "policy 'every-nth': parameter 'quantum' must be >= 1, got 0");
  }
}

TEST(PluginLoader, FgbgExampleGivesItsDocumentedSchedule) {
  // tests/plugins/fgbg.yaml, worked by hand in its header and in docs/writing-a-policy.md.
  std::ifstream in(source_path("tests/plugins/fgbg.yaml"));
  const std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Outcome o = run_with(registry_with(kFgbgPlugin), yaml, "fgbg:quantum=2");
  EXPECT_EQ(o.gantt(true), (std::vector<std::string>{
                               "batch@0:0-2(preempted)", "editor@0:2-4(quantum_expired)",
                               "shell@0:4-6(quantum_expired)", "editor@0:6-7(burst_done)", "shell@0:7-9(exited)",
                               "batch@0:9-11(preempted)", "editor@0:11-13(exited)", "batch@0:13-19(exited)",
                               "backup@0:19-22(exited)"}));
}

TEST(PluginLoader, RunWithPluginThroughTheCli) {
  // fgbg.yaml under lifo (1 CPU): batch 0-10; then backup (newest) 10-13, shell 13-17,
  // editor 17-20, io 20-24, editor 24-26.
  const CliResult r = run_cli({"run", source_path("tests/plugins/fgbg.yaml"), "--plugin", kGoodPlugin, "--policy",
                               "lifo", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find(",batch,0,0,10,10,0,0,10,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",backup,4,10,13,9,6,6,3,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",shell,3,13,17,14,10,10,4,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",editor,2,17,26,24,15,15,5,"), std::string::npos) << r.out;
}

TEST(PluginLoader, PsWithPlugin) {
  // At 12 under lifo: batch ended at 10 (reaped: not shown), backup runs since 10, shell
  // and editor wait.
  const CliResult r = run_cli({"ps", source_path("tests/plugins/fgbg.yaml"), "--plugin", kGoodPlugin, "--policy",
                               "lifo", "--at", "12", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"name\":\"backup\",\"state\":\"running\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"name\":\"shell\",\"state\":\"ready\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"name\":\"editor\",\"state\":\"ready\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"name\":\"batch\""), std::string::npos) << r.out;
}

TEST(PluginLoader, LoadingTheSamePluginTwiceNamesTheTakenPolicy) {
  PolicyRegistry r;
  register_builtin_policies(r);
  load_plugin(kGoodPlugin, r);
  const std::size_t loaded = r.all().size();
  try {
    load_plugin(kGoodPlugin, r);
    ADD_FAILURE() << "second load accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "plugin '" + kGoodPlugin +
                                         "': policy 'lifo' is already registered (a built-in or an earlier "
                                         "plugin has that name)");
  }
  EXPECT_EQ(r.all().size(), loaded);
}

TEST(PluginLoader, BareFileNameIsTakenFromTheWorkingDirectoryNeverSearched) {
  const std::filesystem::path full(kGoodPlugin);
  const std::filesystem::path before = std::filesystem::current_path();
  struct Restore {
    std::filesystem::path dir;
    ~Restore() { std::filesystem::current_path(dir); }
  } restore{before};
  std::filesystem::current_path(full.parent_path());
  {
    PolicyRegistry r;
    const LoadedPlugin p = load_plugin(full.filename().string(), r);
    EXPECT_EQ(p.policies, (std::vector<std::string>{"lifo", "every-nth"}));
  }
  std::filesystem::current_path(full.parent_path().parent_path());  // the file is not here
  PolicyRegistry r;
  try {
    load_plugin(full.filename().string(), r);
    ADD_FAILURE() << "found a plugin that is not in the working directory";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "plugin '" + full.filename().string() + "': no such file");
  }
}

// ---- policies --plugin -------------------------------------------------------------------

TEST(PluginLoader, PoliciesTableListsPluginPolicies) {
  const CliResult r = run_cli({"policies", "--plugin", kGoodPlugin});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string expected = "lifo       last in, first out (test plugin) [plugin " + kGoodPlugin +
                               "]\n"
                               "every-nth  round robin (test plugin) [plugin " + kGoodPlugin +
                               "]\n"
                               "             quantum=3 (int, >= 1, <= 100): ticks per turn\n"
                               "\nUse as --policy NAME or --policy NAME:key=value,key=value (lists: 2/4/8).\n";
  ASSERT_GE(r.out.size(), expected.size());
  EXPECT_EQ(r.out.substr(r.out.size() - expected.size()), expected) << r.out;
  EXPECT_EQ(r.out.rfind("fcfs ", 0), 0u) << "the built-ins come first";
  // Only plugin policies are marked.
  EXPECT_EQ(r.out.substr(0, r.out.find("\nlifo ")).find("[plugin"), std::string::npos) << r.out;
}

TEST(PluginLoader, PoliciesJsonGivesPluginPoliciesAPluginField) {
  const CliResult r = run_cli({"policies", "--plugin", kGoodPlugin, "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string expected =
      ",\n{\"name\":\"lifo\",\"summary\":\"last in, first out (test plugin)\",\"plugin\":\"" + kGoodPlugin +
      "\",\"params\":[]}"
      ",\n{\"name\":\"every-nth\",\"summary\":\"round robin (test plugin)\",\"plugin\":\"" + kGoodPlugin +
      "\",\"params\":[{\"name\":\"quantum\",\"type\":\"int\",\"default\":\"3\",\"help\":\"ticks per turn\"}]}"
      "\n]\n";
  ASSERT_GE(r.out.size(), expected.size());
  EXPECT_EQ(r.out.substr(r.out.size() - expected.size()), expected) << r.out;
  // Built-ins have no "plugin" key.
  EXPECT_NE(r.out.find("{\"name\":\"fcfs\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.substr(0, r.out.find("{\"name\":\"lifo\"")).find("\"plugin\""), std::string::npos) << r.out;
}

// ---- compare --plugin --------------------------------------------------------------------

TEST(PluginLoader, CompareRunsPluginPoliciesByDefaultAndByName) {
  const std::string fgbg = source_path("tests/plugins/fgbg.yaml");
  {
    const CliResult r = run_cli({"compare", fgbg, "--plugin", kGoodPlugin, "-f", "json", "--no-progress", "-j", "1"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("{\"label\":\"lifo\",\"canonical\":\"lifo\"}"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("{\"label\":\"every-nth\",\"canonical\":\"every-nth:quantum=3\"}"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("{\"label\":\"fcfs\""), std::string::npos) << r.out;
  }
  // Hand-computed (see RunWithPluginThroughTheCli): lifo waits 0, 6, 10, 15 -> 7.75; makespan 26.
  const CliResult r = run_cli({"compare", fgbg, "--plugin", kGoodPlugin, "-p", "fcfs", "-p", "lifo", "-f", "csv",
                               "--no-progress"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("fgbg-demo,lifo,1,avg_waiting,7.75\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fgbg-demo,lifo,1,makespan,26\n"), std::string::npos) << r.out;
  // fcfs: batch 0-10, editor 10-13 (io 13-17), shell 13-17, backup 17-20, editor 20-22:
  // waits batch 0, editor 2-10 and 17-20 = 11, shell 3-13 = 10, backup 4-17 = 13 -> 8.5.
  EXPECT_NE(r.out.find("fgbg-demo,fcfs,1,avg_waiting,8.5\n"), std::string::npos) << r.out;
}

// ---- bad plugins: one line, exit code 2 ---------------------------------------------------

struct BadPlugin {
  const char* name;
  std::string path;
  std::string what;  // after "plugin 'PATH': "
};

std::vector<BadPlugin> bad_plugins() {
  return {
      {"no_entry", SCHEDLAB_PLUGIN_bad_no_entry,
       "not a schedlab plugin: it does not export 'schedlab_plugin' (define it with SCHEDLAB_PLUGIN, see "
       "docs/writing-a-policy.md)"},
      {"wrong_version", SCHEDLAB_PLUGIN_bad_wrong_version,
       "built for policy API version 999, but this schedlab has version 1 (rebuild the plugin against this "
       "schedlab's headers)"},
      {"wrong_abi", SCHEDLAB_PLUGIN_bad_wrong_abi,
       "built with the C++ library 'libc++', but this schedlab uses '" SCHEDLAB_CXX_ABI
       "' (build the plugin with the same compiler and library)"},
      {"throws", SCHEDLAB_PLUGIN_bad_throws,
       "registering its policies failed: std::runtime_error: cannot read /etc/mypolicy.conf"},
      {"duplicate", SCHEDLAB_PLUGIN_bad_duplicate,
       "policy 'fcfs' is already registered (a built-in or an earlier plugin has that name)"},
      {"unresolved", SCHEDLAB_PLUGIN_bad_unresolved,
       "cannot load it: undefined symbol: schedlab_test::function_nobody_defines()"},
      {"empty", SCHEDLAB_PLUGIN_bad_empty, "it registered no policies"},
      {"bad_name", SCHEDLAB_PLUGIN_bad_bad_name, "policy name 'Bad Name' must be [a-z0-9_-]+"},
  };
}

TEST(PluginLoader, EveryBadPluginIsOneLineAndExitCode2) {
  const std::string workload = source_path("workloads/default.yaml");
  for (const BadPlugin& bad : bad_plugins()) {
    SCOPED_TRACE(bad.name);
    const CliResult r = run_cli({"run", workload, "--plugin", bad.path});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, plugin_error("run", bad.path, bad.what));
    EXPECT_EQ(r.out, "");
    // The same line from every command that takes --plugin.
    EXPECT_EQ(run_cli({"policies", "--plugin", bad.path}).err, plugin_error("policies", bad.path, bad.what));
    const CliResult c = run_cli({"compare", workload, "--plugin", bad.path, "--no-progress"});
    EXPECT_EQ(c.code, 2);
    EXPECT_EQ(c.err, plugin_error("compare", bad.path, bad.what));
    const CliResult k = run_cli({"check-policy", "--plugin", bad.path, "--policy", "fcfs"});
    EXPECT_EQ(k.code, 2);
    EXPECT_EQ(k.err, plugin_error("check-policy", bad.path, bad.what));
  }
}

TEST(PluginLoader, BadPluginsRegisterNothingEvenWhatTheyAddedBeforeFailing) {
  for (const BadPlugin& bad : bad_plugins()) {
    SCOPED_TRACE(bad.name);
    EXPECT_EQ(load_error(bad.path), "plugin '" + bad.path + "': " + bad.what);
  }
  // throws added "half-registered" and duplicate "fresh-name" before failing.
  PolicyRegistry r;
  register_builtin_policies(r);
  EXPECT_THROW(load_plugin(SCHEDLAB_PLUGIN_bad_throws, r), InputError);
  EXPECT_THROW(load_plugin(SCHEDLAB_PLUGIN_bad_duplicate, r), InputError);
  EXPECT_EQ(r.find("half-registered"), nullptr);
  EXPECT_EQ(r.find("fresh-name"), nullptr);
  // A good plugin still loads after them.
  EXPECT_EQ(load_plugin(kGoodPlugin, r).policies.size(), 2u);
}

TEST(PluginLoader, MissingFileDirectoryAndNotASharedLibrary) {
  const std::string workload = source_path("workloads/default.yaml");
  const std::string missing = std::string(SCHEDLAB_BINARY_DIR) + "/no/such/libplugin.so";
  CliResult r = run_cli({"run", workload, "--plugin", missing});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, plugin_error("run", missing, "no such file"));

  r = run_cli({"run", workload, "--plugin", "nosuch.so"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, plugin_error("run", "nosuch.so", "no such file"));

  const std::string dir = std::filesystem::path(kGoodPlugin).parent_path().string();
  r = run_cli({"run", workload, "--plugin", dir});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, plugin_error("run", dir, "is a directory, not a shared library"));

  r = run_cli({"run", workload, "--plugin", workload});  // a YAML file
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, plugin_error("run", workload, "not a shared library (invalid ELF header)"));

  const std::string empty = std::string(SCHEDLAB_BINARY_DIR) + "/tests/plugins/empty-file.so";
  std::ofstream(empty).close();
  r = run_cli({"run", workload, "--plugin", empty});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, plugin_error("run", empty, "not a shared library (file too short)"));
  std::filesystem::remove(empty);

  r = run_cli({"run", workload, "--plugin", ""});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "schedlab run: error: --plugin needs a file name\n");
}

// ---- a policy that fails at run time: exit code 1, one line naming the policy ------------

TEST(PluginLoader, ExceptionInACallbackNamesPolicyPluginAndCallback) {
  const std::string workload = source_path("workloads/default.yaml");
  const std::string prefix = "schedlab run: error: the policy broke the kernel's contract: policy 'broken' (plugin " +
                             kBrokenPlugin + "): ";
  CliResult r = run_cli({"run", workload, "--plugin", kBrokenPlugin, "--policy", "broken:bug=throw"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, prefix + "pick_next() threw std::out_of_range: no task at slot 7\n");
  EXPECT_EQ(r.out, "");

  r = run_cli({"run", workload, "--plugin", kBrokenPlugin, "--policy", "broken:bug=foreign"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, prefix + "pick_next() threw int\n");

  // A Context call the kernel rejects, made from a callback.
  r = run_cli({"run", workload, "--plugin", kBrokenPlugin, "--policy", "broken:bug=badcall"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, prefix + "in running(): policy set a timer in the past (-1 < now 0)\n");

  // The same from compare.
  r = run_cli({"compare", workload, "--plugin", kBrokenPlugin, "-p", "fcfs", "-p", "broken:bug=throw",
               "--no-progress"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("policy 'broken' (plugin " + kBrokenPlugin +
                       "): pick_next() threw std::out_of_range: no task at slot 7\n"),
            std::string::npos)
      << r.err;
}

TEST(PluginLoader, ThrowingCallbackBecomesPolicyCallbackErrorWithDetails) {
  const PolicyRegistry r = registry_with(kBrokenPlugin);
  try {
    (void)run_with(r, kThree, "broken:bug=throw");
    ADD_FAILURE() << "the run did not fail";
  } catch (const PolicyCallbackError& e) {
    EXPECT_EQ(e.details().policy, "broken");
    EXPECT_EQ(e.details().plugin, kBrokenPlugin);
    EXPECT_EQ(e.details().callback, "pick_next");
    EXPECT_EQ(e.details().type, "std::out_of_range");
    EXPECT_EQ(e.details().message, "no task at slot 7");
    EXPECT_FALSE(e.details().kernel_rejected);
  }
  // kThree with a correct FIFO: A 0-3, B 3-5, C 5-7 (no pick at t >= 5 fails without the bug).
  EXPECT_EQ(run_with(r, kThree, "broken").gantt(), (std::vector<std::string>{"A@0:0-3", "B@0:3-5", "C@0:5-7"}));
}

TEST(PluginLoader, KernelRejectsAStalePickNamingTheWholeSpec) {
  // bug=stale leaves editor (task 0) at the head of its queue after picking it: when editor
  // blocks at 2 (io), pick_next returns it again, and the kernel refuses.
  const CliResult r = run_cli({"run", "--plugin", kBrokenPlugin, "--policy", "broken:bug=stale",
                               source_path("workloads/default.yaml")});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "schedlab run: error: the policy broke the kernel's contract: policy 'broken:bug=stale' picked task 0 "
            "(editor) which is blocked, not ready\n");
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace schedlab::test
