// The plugin ABI handshake (plugin.hpp): the entry point's C layout, the version and C++
// library tags a plugin carries, and the loader refusing a mismatch before any C++ object
// crosses the boundary.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <dlfcn.h>

#include <schedlab/errors.hpp>
#include <schedlab/plugin.hpp>

#include "plugin_test_support.hpp"

namespace schedlab::test {
namespace {

// What a plugin's own schedlab_plugin() returns, read as the loader does (dlopen + dlsym).
const SchedlabPlugin* describe_plugin(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);  // never closed, like the loader
  if (handle == nullptr) return nullptr;
  void* symbol = dlsym(handle, SCHEDLAB_PLUGIN_ENTRY);
  if (symbol == nullptr) return nullptr;
  return reinterpret_cast<SchedlabPluginEntry>(symbol)();
}

std::string load_message(const std::string& path, PolicyRegistry& r) {
  try {
    load_plugin(path, r);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(loaded)";
}

TEST(PolicyAbi, VersionAndEntryPointName) {
  EXPECT_EQ(kPolicyApiVersion, 1);
  EXPECT_STREQ(SCHEDLAB_PLUGIN_ENTRY, "schedlab_plugin");
  // The first two fields never move: a host reads them from a plugin of any version.
  EXPECT_EQ(offsetof(SchedlabPlugin, api_version), 0u);
  EXPECT_EQ(offsetof(SchedlabPlugin, cxx_abi), alignof(const char*) > sizeof(int) ? alignof(const char*) : sizeof(int));
}

TEST(PolicyAbi, CxxLibraryTagOfThisBuild) {
#if defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG) && (!defined(_GLIBCXX_USE_CXX11_ABI) || _GLIBCXX_USE_CXX11_ABI)
  EXPECT_STREQ(SCHEDLAB_CXX_ABI, "libstdc++");
#elif defined(_LIBCPP_VERSION) && !defined(_GLIBCXX_DEBUG)
  EXPECT_STREQ(SCHEDLAB_CXX_ABI, "libc++");
#else
  GTEST_SKIP() << "tag " << SCHEDLAB_CXX_ABI;
#endif
}

TEST(PolicyAbi, SchedlabPluginMacroWritesTheHostsVersionAndLibrary) {
  const SchedlabPlugin* good = describe_plugin(kGoodPlugin);
  ASSERT_NE(good, nullptr) << dlerror();
  EXPECT_EQ(good->api_version, kPolicyApiVersion);
  EXPECT_STREQ(good->cxx_abi, SCHEDLAB_CXX_ABI);
  EXPECT_STREQ(good->name, "good-test-plugin");
  EXPECT_NE(good->register_policies, nullptr);

  const SchedlabPlugin* fgbg = describe_plugin(kFgbgPlugin);
  ASSERT_NE(fgbg, nullptr) << dlerror();
  EXPECT_EQ(fgbg->api_version, kPolicyApiVersion);
  EXPECT_STREQ(fgbg->name, "fgbg-example");
}

TEST(PolicyAbi, OnlyTheEntryPointIsExported) {
  void* handle = dlopen(kGoodPlugin.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(handle, nullptr) << dlerror();
  EXPECT_NE(dlsym(handle, "schedlab_plugin"), nullptr);
  // register_policies is in an anonymous namespace and the library is built with hidden
  // visibility: nothing but the entry point can clash with the host or another plugin.
  EXPECT_EQ(dlsym(handle, "register_policies"), nullptr);
  EXPECT_EQ(dlsym(handle, "_Z17register_policiesRN8schedlab15PolicyRegistrarE"), nullptr);
}

TEST(PolicyAbi, AnotherApiVersionIsRefusedBeforeRegistration) {
  const SchedlabPlugin* future = describe_plugin(SCHEDLAB_PLUGIN_bad_wrong_version);
  ASSERT_NE(future, nullptr);
  EXPECT_EQ(future->api_version, 999);

  PolicyRegistry r;
  register_builtin_policies(r);
  const std::size_t before = r.all().size();
  EXPECT_EQ(load_message(SCHEDLAB_PLUGIN_bad_wrong_version, r),
            std::string("plugin '") + SCHEDLAB_PLUGIN_bad_wrong_version +
                "': built for policy API version 999, but this schedlab has version 1 (rebuild the plugin against "
                "this schedlab's headers)");
  EXPECT_EQ(r.all().size(), before);
  EXPECT_EQ(r.find("from-the-future"), nullptr);
}

TEST(PolicyAbi, AnotherCxxLibraryIsRefused) {
  PolicyRegistry r;
  register_builtin_policies(r);
  const std::size_t before = r.all().size();
  EXPECT_EQ(load_message(SCHEDLAB_PLUGIN_bad_wrong_abi, r),
            std::string("plugin '") + SCHEDLAB_PLUGIN_bad_wrong_abi +
                "': built with the C++ library 'libc++', but this schedlab uses '" SCHEDLAB_CXX_ABI
                "' (build the plugin with the same compiler and library)");
  EXPECT_EQ(r.all().size(), before);
  EXPECT_EQ(r.find("other-abi"), nullptr);
}

TEST(PolicyAbi, VersionMismatchThroughTheCliIsExitCode2) {
  const CliResult r = run_cli({"policies", "--plugin", SCHEDLAB_PLUGIN_bad_wrong_version});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, std::string("schedlab policies: error: plugin '") + SCHEDLAB_PLUGIN_bad_wrong_version +
                       "': built for policy API version 999, but this schedlab has version 1 (rebuild the plugin "
                       "against this schedlab's headers)\n");
}

}  // namespace
}  // namespace schedlab::test
