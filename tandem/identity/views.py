def locked_out(request, credentials, *args, **kwargs):
    pass
