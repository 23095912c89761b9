# The walls between the libraries, checked when the build is configured: each library may
# link only the libraries below it (docs/architecture.md):
#
#   cli, gui, python -> lab -> {report, registry, workload, real} -> kernel -> api <- policies
#
# schedlab_check_layers() reads every library's direct links (LINK_LIBRARIES and
# INTERFACE_LINK_LIBRARIES) and stops the configuration with one line per link that
# crosses a wall (kernel linking report, report linking lab, ...). What the link graph
# cannot see (a header included across a wall) is checked by scripts/check_layers.py.
set(SCHEDLAB_LAYERS_api "")
set(SCHEDLAB_LAYERS_policies schedlab_api)
set(SCHEDLAB_LAYERS_kernel schedlab_api)
set(SCHEDLAB_LAYERS_workload schedlab_kernel)
set(SCHEDLAB_LAYERS_real schedlab_kernel)
# registry loads explore's program modules (a real::Program), hence real.
set(SCHEDLAB_LAYERS_registry schedlab_kernel schedlab_policies schedlab_real)
set(SCHEDLAB_LAYERS_report schedlab_kernel)
set(SCHEDLAB_LAYERS_lab schedlab_report schedlab_registry schedlab_workload schedlab_real)
set(SCHEDLAB_LAYERS_cli schedlab_lab)
# python/ is a face like cli/ (its target is the module _schedlab).
set(SCHEDLAB_LAYERS_python schedlab_lab)
set(SCHEDLAB_LAYERS_gui_model schedlab_lab)
set(SCHEDLAB_LAYERS_gui_app schedlab_gui_model)

function(schedlab_check_layers)
  set(ours api policies kernel workload real registry report lab cli python gui_model gui_app)
  set(problems "")
  foreach(layer ${ours})
    set(target schedlab_${layer})
    if(layer STREQUAL "python")
      set(target _schedlab)
    endif()
    if(NOT TARGET ${target})
      continue()
    endif()
    get_target_property(links ${target} LINK_LIBRARIES)
    get_target_property(interface ${target} INTERFACE_LINK_LIBRARIES)
    foreach(link ${links} ${interface})
      if(NOT link MATCHES "^schedlab_" OR link STREQUAL "schedlab_warnings")
        continue()  # a third-party library, or the warning flags
      endif()
      if(NOT link IN_LIST SCHEDLAB_LAYERS_${layer})
        string(APPEND problems "\n  ${target} links ${link}: ${layer}/ may link only: ${SCHEDLAB_LAYERS_${layer}}")
      endif()
    endforeach()
  endforeach()
  if(problems)
    message(FATAL_ERROR "a library links across a wall (cmake/SchedlabLayers.cmake, docs/architecture.md):${problems}")
  endif()
endfunction()
