// The window, the event loop and the fixed layout of the panels (run_app, app.hpp).
//
// Layout (no docking in ImGui 1.86, and a fixed layout reads better on a projector):
//
//   menu bar
//   playback bar ........................................................
//   timeline (CPU lanes, task lanes)              | policy controls
//                                                  | metrics + charts
//   ready queues | process table | state diagram   |
#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <schedlab/builtin_policies.hpp>
#include <schedlab/errors.hpp>
#include <schedlab/plugin_loader.hpp>

#include "app.hpp"
#include "input_script.hpp"
#include "panels/panels.hpp"
#include "theme.hpp"

namespace schedlab::gui {

namespace {

constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

void place(float x, float y, float w, float h) {
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
}

void draw_frame(App& app) {
  handle_shortcuts(app);
  draw_menu_bar(app);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float x = vp->WorkPos.x, y = vp->WorkPos.y, W = vp->WorkSize.x, H = vp->WorkSize.y;
  const ImGuiStyle& st = ImGui::GetStyle();
  const float bar_h = ImGui::GetFrameHeight() + st.WindowPadding.y * 2;
  const float right_w = std::clamp(W * 0.25f, 340.0f, 480.0f);
  const float bottom_h = std::clamp(H * 0.34f, 230.0f, 420.0f);
  const float main_w = W - right_w;
  const float top_h = H - bar_h - bottom_h;

  place(x, y, W, bar_h);
  if (ImGui::Begin("Playback", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
    draw_playback_bar(app);
  ImGui::End();

  place(x, y + bar_h, main_w, top_h);
  if (ImGui::Begin("Timeline", nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
    draw_timeline(app);
  ImGui::End();

  const float policy_h = std::clamp((H - bar_h) * 0.36f, 200.0f, 360.0f);
  place(x + main_w, y + bar_h, right_w, policy_h);
  if (ImGui::Begin("Policy", nullptr, kPanelFlags)) draw_policy_panel(app);
  ImGui::End();
  place(x + main_w, y + bar_h + policy_h, right_w, H - bar_h - policy_h);
  if (ImGui::Begin("Metrics", nullptr, kPanelFlags)) draw_metrics_panel(app);
  ImGui::End();

  const float by = y + bar_h + top_h;
  const float qw = main_w * 0.25f, tw = main_w * 0.43f;
  place(x, by, qw, bottom_h);
  if (ImGui::Begin("Ready queues", nullptr, kPanelFlags)) draw_queues_panel(app);
  ImGui::End();
  place(x + qw, by, tw, bottom_h);
  if (ImGui::Begin("Processes", nullptr, kPanelFlags)) draw_process_table(app);
  ImGui::End();
  place(x + qw + tw, by, main_w - qw - tw, bottom_h);
  if (ImGui::Begin("State diagram", nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar)) draw_state_diagram(app);
  ImGui::End();

  draw_help_window(app);
  draw_open_path_popup(app);
  if (!app.message.empty()) ImGui::OpenPopup("Problem");
  if (ImGui::BeginPopupModal("Problem", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextUnformatted(app.message.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("OK") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      app.message.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

bool write_screenshot(const std::string& path, int w, int h) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the PNG is opaque
  stbi_flip_vertically_on_write(1);  // GL rows come bottom-up
  return stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
}

// The registry (built-in policies, then plugins), the kernel configuration, and a first
// read of --trace: everything that can fail with exit 2 before a window opens. False, with
// the one-line reason on stderr, when something cannot be loaded.
bool prepare(App& app) {
  register_builtin_policies(app.registry);
  app.kernel_config.cpus = app.options.cpus;
  app.kernel_config.seed = app.options.seed;
  // Plugin policies join the registry (and so the policy panel) before any window opens:
  // a plugin that cannot be loaded is one line on stderr and exit 2, as in `schedlab`.
  for (const std::string& path : app.options.plugins) {
    try {
      load_plugin(path, app.registry);
    } catch (const InputError& e) {
      std::fprintf(stderr, "schedlab-gui: %s\n", e.formatted().c_str());
      return false;
    }
  }
  // A trace file that cannot be read is one line and exit 2, like a bad plugin.
  if (!app.options.trace.empty()) {
    if (const auto probe = open_trace_session(app.options.trace); !probe->ok()) {
      std::fprintf(stderr, "schedlab-gui: %s\n", probe->error.c_str());
      return false;
    }
  }
  return true;
}

// The SDL window and its OpenGL context, with Dear ImGui bound to both.
struct Window {
  SDL_Window* sdl = nullptr;
  SDL_GLContext gl = nullptr;
};

// Open the window (offscreen when headless), create an OpenGL 3.3 core context and start
// ImGui on them. False, with the reason on stderr, when there is no video or no context.
bool open_window(const App& app, Window& win) {
  // Headless runs need no display: render through EGL with SDL's offscreen driver.
  if (app.headless && !std::getenv("SDL_VIDEODRIVER") && !std::getenv("DISPLAY")) setenv("SDL_VIDEODRIVER", "offscreen", 1);
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "schedlab-gui: error: cannot start SDL video (%s)\n", SDL_GetError());
    return false;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  win.sdl = SDL_CreateWindow("schedlab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, app.options.width,
                             app.options.height, flags);
  win.gl = win.sdl ? SDL_GL_CreateContext(win.sdl) : nullptr;
  if (!win.gl) {
    std::fprintf(stderr, "schedlab-gui: error: cannot create an OpenGL 3.3 context (%s)\n", SDL_GetError());
    if (win.sdl) SDL_DestroyWindow(win.sdl);
    SDL_Quit();
    return false;
  }
  SDL_GL_MakeCurrent(win.sdl, win.gl);
  SDL_GL_SetSwapInterval(app.headless ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed: nothing to remember
  apply_theme();
  ImGui_ImplSDL2_InitForOpenGL(win.sdl, win.gl);
  ImGui_ImplOpenGL3_Init("#version 130");
  return true;
}

void close_window(Window& win) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(win.gl);
  SDL_DestroyWindow(win.sdl);
  SDL_Quit();
}

// What is on screen first: the saved run (--trace, already checked by prepare) or the
// workload (as given, else workloads/default.yaml, else the built-in example), then the
// options that act on it (--compare, --select, --play-to).
void open_first_run(App& app) {
  app.workloads_dir = find_workloads_dir(app.options.argv0);
  app.catalog = list_workloads(app.workloads_dir);
  std::string path = app.options.workload;
  if (path.empty() && !app.options.example && !app.workloads_dir.empty() && std::filesystem::exists(app.workloads_dir + "/default.yaml"))
    path = app.workloads_dir + "/default.yaml";
  if (!app.options.trace.empty()) app.open_trace(app.options.trace);
  else app.load(path);
  if (!app.options.compare.empty()) app.set_compare(true);
  if (!app.options.select.empty() && app.a.ok())
    for (const TaskRecord& t : app.a.session->trace.tasks)
      if (t.name == app.options.select) app.selected = t.id;
  if (app.options.play_to >= 0) app.seek(app.options.play_to);
}

// Hand SDL's pending events to ImGui and act on quit and dropped files. True when the
// window is to close (after this frame).
bool poll_events(App& app, SDL_Window* window) {
  bool quit = false;
  SDL_Event event;
  // Idle without burning a core: when nothing moves, wait for input (a quarter second
  // at most, so hover effects settle).
  if (!app.headless && !app.playback.playing && SDL_WaitEventTimeout(&event, 250)) SDL_PushEvent(&event);
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) quit = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(window))
      quit = true;
    if (event.type == SDL_DROPFILE) {
      const std::string dropped = event.drop.file;
      if (dropped.ends_with(".json")) app.open_trace(dropped);
      else app.load(dropped);
      SDL_free(event.drop.file);
    }
  }
  return quit;
}

struct Size {
  int w = 0, h = 0;
};

// One frame: move the playhead if playing, draw every panel and render into the back
// buffer (not yet swapped, so that a screenshot can read it). Returns the drawable size.
Size render_frame(App& app, InputScript& script, SDL_Window* window) {
  const auto t0 = std::chrono::steady_clock::now();
  if (app.playback.playing) {
    // io.DeltaTime is still the last frame's length: the backend's NewFrame below updates it.
    app.seek(app.playback.time + app.playback.speed * static_cast<double>(ImGui::GetIO().DeltaTime));
    if (app.playback.time >= static_cast<double>(app.end_time())) app.playback.playing = false;
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  if (app.headless) script.apply();
  ImGui::NewFrame();
  draw_frame(app);
  ImGui::Render();
  app.last_frame_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  Size size;
  SDL_GL_GetDrawableSize(window, &size.w, &size.h);
  glViewport(0, 0, size.w, size.h);
  const ImVec4 bg = background_color();
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return size;
}

// The last frame of a headless run: write the screenshot and repeat any problem shown in
// the modal on stderr. Returns the exit code (2 when the PNG cannot be written).
int finish_headless(const App& app, Size size) {
  int exit_code = 0;
  if (!write_screenshot(app.options.screenshot, size.w, size.h)) {
    std::fprintf(stderr, "schedlab-gui: error: cannot write %s\n", app.options.screenshot.c_str());
    exit_code = 2;
  }
  if (!app.message.empty()) std::fprintf(stderr, "schedlab-gui: %s\n", app.message.c_str());
  return exit_code;
}

}  // namespace

int run_app(Options options) {
  App app;
  app.options = std::move(options);
  app.headless = !app.options.screenshot.empty();
  if (!prepare(app)) return 2;
  Window window;
  if (!open_window(app, window)) return kExitNoGl;
  open_first_run(app);

  InputScript script;
  try {
    script = InputScript(app.options.input);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "schedlab-gui: error: %s\n", e.what());
    return 2;
  }
  const int frames = std::max({app.options.frames, 2, static_cast<int>(script.frames()) + 2});
  int frame = 0;
  int exit_code = 0;
  // A closed window still finishes the frame it was closed in, as a headless run finishes
  // the frame it writes.
  for (bool done = false; !done; ++frame) {
    done = poll_events(app, window.sdl);
    const Size size = render_frame(app, script, window.sdl);
    if (app.headless && frame + 1 >= frames) {
      exit_code = finish_headless(app, size);
      done = true;
    }
    SDL_GL_SwapWindow(window.sdl);
  }
  close_window(window);
  return exit_code;
}

}  // namespace schedlab::gui
